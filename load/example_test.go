package load_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/leian/leian/load"
	"github.com/leian/leian/queries"
	"github.com/leian/leian/store"
)

func ExampleLoader_LoadFile() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "leian-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	// A platform export with Chinese headers; the second row has no
	// readable receipt time.
	path := filepath.Join(dir, "export.csv")
	export := "工单编号,受理时间,诉求内容,区\n" +
		"A1,2026/11/25 8:03,小区井盖丢失,江北区\n" +
		"A2,昨天,路灯不亮,江北区\n"
	if err := os.WriteFile(path, []byte(export), 0o644); err != nil {
		fmt.Println(err)
		return
	}
	db, err := store.Open(ctx, "", store.Options{Migrations: queries.FS}) // in memory
	if err != nil {
		fmt.Println(err)
		return
	}
	defer db.Close()
	l := &load.Loader{DB: db.DB, Queries: queries.FS, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	res, err := l.LoadFile(ctx, path)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("read %d: inserted %d, rejected %d\n", res.Read, res.Inserted, res.Rejected)
	for _, r := range res.FirstRejects {
		fmt.Printf("line %d field %s: %s\n", r.Line, r.Field, r.Reason)
	}
	// Loading the same file again changes nothing (the bad row is
	// rejected again).
	res, err = l.LoadFile(ctx, path)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("again: inserted %d, unchanged %d\n", res.Inserted, res.Unchanged)
	// Output:
	// read 2: inserted 1, rejected 1
	// line 3 field received_at: not a timestamp: "昨天"
	// again: inserted 0, unchanged 1
}
