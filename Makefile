# leian needs DuckDB's Arrow interface, which the Go driver builds only with
# the duckdb_arrow tag. Every target here sets it; use them rather than bare
# go commands (a binary built without the tag refuses to run and says why).
TAGS := duckdb_arrow
GO   ?= go

.PHONY: build demo test bench vet fmt fuzz

build:
	$(GO) build -tags $(TAGS) -o bin/leian ./cmd/leian

demo: build
	./bin/leian demo

test:
	$(GO) test -tags $(TAGS) ./...

bench:
	$(GO) test -tags $(TAGS) -run '^$$' -bench . -benchtime 1x ./...

vet:
	$(GO) vet -tags $(TAGS) ./...
	$(GO) vet ./...
	@test -z "$$(gofmt -l .)" || (gofmt -l .; exit 1)

# FuzzLoadRow runs a whole load (~100 ms) per input, and many inputs add
# coverage: with the default -fuzzminimizetime (60 s per new input) the
# fuzzer spends its time minimizing and counts no executions for long
# stretches. Without minimizing it runs ~15 loads a second.
fuzz:
	$(GO) test -tags $(TAGS) ./load -run '^$$' -fuzz FuzzParseLocalTS -fuzztime 30s
	$(GO) test -tags $(TAGS) ./load -run '^$$' -fuzz FuzzLoadRow -fuzztime 60s -fuzzminimizetime 0
