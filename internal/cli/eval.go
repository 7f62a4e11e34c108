package cli

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/leian/leian/cluster/route"
	"github.com/leian/leian/cluster/vectors"

	"github.com/leian/leian/cluster"
)

var evalCmd = &command{
	name:  "eval",
	args:  "--input CSV --text COL --label COL [--task cluster|similar|route] [--k N] [--folds N] [--seed S] [--json]",
	short: "measure clustering quality on any labelled CSV (NMI, ARI, V-measure)",
	long: `Eval runs the similar-case text pipeline (cleaning, segmentation, features,
clustering) on the text column of a labelled CSV and compares the clusters
with the labels. Without --k the number of clusters comes from the data.
With --json it prints one object: nmi, ari, v_measure, clusters,
largest_share (the largest cluster's share of the rows), seconds (per
stage, the one-time dictionary load reported apart).

With --task similar it measures "cases like this" instead: for each row,
the share of its 10 nearest other rows, ranked as leian similar ranks
them, that carry its label (JSON key precision_at_10).

With --task route it measures the dispatch suggestion: cross-validated
(--folds, default 5) accuracy, macro-F1 and top-3 accuracy of ranking each
row's label from the other folds, by a vote over similar rows and by a
linear classifier; the better is reported (JSON keys accuracy, macro_f1,
top3, seconds, method, methods).`,
	flags: func(fs *flag.FlagSet) func(*env, []string) error {
		input := fs.String("input", "", "labelled CSV `file` with a header")
		textCol := fs.String("text", "text", "text `column`")
		labelCol := fs.String("label", "label", "label `column`")
		k := fs.Int("k", 0, "number of clusters (0: from the data)")
		seed := fs.Uint64("seed", 1, "random seed")
		asJSON := fs.Bool("json", false, "print one JSON object")
		task := fs.String("task", "cluster", "what to measure: `cluster`, similar or route")
		folds := fs.Int("folds", 5, "cross-validation folds of --task route")
		return func(e *env, args []string) error {
			if *input == "" || len(args) > 0 {
				return errUsage
			}
			texts, labels, err := readLabelled(*input, *textCol, *labelCol)
			if err != nil {
				return err
			}
			cfg := vectors.Defaults()
			cfg.K, cfg.Seed = *k, *seed
			switch *task {
			case "cluster":
			case "similar":
				return evalSimilar(e, texts, labels, cfg, *asJSON)
			case "route":
				return evalRoute(e, texts, labels, *folds, *seed, *asJSON)
			default:
				return fmt.Errorf("eval: unknown --task %q (cluster, similar or route)", *task)
			}
			r, err := cluster.Evaluate(e.ctx, texts, labels, cfg)
			if err != nil {
				return err
			}
			if *asJSON {
				return json.NewEncoder(e.stdout).Encode(r)
			}
			fmt.Fprintf(e.stdout, "documents %d, clusters %d, largest %.1f%%\nNMI %.4f  ARI %.4f  V-measure %.4f\n", len(texts), r.Clusters, 100*r.LargestShare, r.NMI, r.ARI, r.VMeasure)
			fmt.Fprintf(e.stdout, "seconds: dictionary %.2f (once), segmentation %.2f, features %.2f, clustering %.2f, total excluding dictionary %.2f\n",
				r.Seconds.Dictionary, r.Seconds.Segment, r.Seconds.Features, r.Seconds.Cluster, r.Seconds.Total)
			return nil
		}
	},
}

// evalSimilar prints EvaluateSimilar's measurement.
func evalSimilar(e *env, texts, labels []string, cfg vectors.Config, asJSON bool) error {
	r, err := cluster.EvaluateSimilar(e.ctx, texts, labels, cfg)
	if err != nil {
		return err
	}
	if asJSON {
		return json.NewEncoder(e.stdout).Encode(r)
	}
	fmt.Fprintf(e.stdout, "documents %d (%d without neighbours)\nprecision@10 %.4f\n", r.Rows, r.RowsWithNoHits, r.PrecisionAt10)
	fmt.Fprintf(e.stdout, "seconds: dictionary %.2f (once), segmentation %.2f, features %.2f, ranking %.2f, total excluding dictionary %.2f\n",
		r.Seconds.Dictionary, r.Seconds.Segment, r.Seconds.Features, r.Seconds.Rank, r.Seconds.Total)
	return nil
}

// evalRoute prints route.Evaluate's measurement.
func evalRoute(e *env, texts, labels []string, folds int, seed uint64, asJSON bool) error {
	r, err := route.Evaluate(e.ctx, texts, labels, folds, seed)
	if err != nil {
		return err
	}
	if asJSON {
		return json.NewEncoder(e.stdout).Encode(r)
	}
	fmt.Fprintf(e.stdout, "documents %d, %d folds, kept: %s\n", r.Rows, r.Folds, r.Method)
	for _, m := range []string{"vote", "linear"} {
		s := r.Methods[m]
		fmt.Fprintf(e.stdout, "%-6s accuracy %.4f  macro-F1 %.4f  top-3 %.4f\n", m, s.Accuracy, s.MacroF1, s.Top3)
	}
	fmt.Fprintf(e.stdout, "seconds: dictionary %.2f (once), the rest %.2f\n", r.Dictionary, r.Seconds)
	return nil
}

// readLabelled reads the text and label columns of a CSV with a header.
func readLabelled(path, textCol, labelCol string) ([]string, []string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		return nil, nil, fmt.Errorf("%s line 1: %w", path, err)
	}
	ti, li := -1, -1
	for i, h := range header {
		switch h {
		case textCol:
			ti = i
		case labelCol:
			li = i
		}
	}
	if ti < 0 || li < 0 {
		return nil, nil, fmt.Errorf("%s line 1: no column %q or %q in header %v", path, textCol, labelCol, header)
	}
	var texts, labels []string
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", path, err)
		}
		texts = append(texts, rec[ti])
		labels = append(labels, rec[li])
	}
	return texts, labels, nil
}
