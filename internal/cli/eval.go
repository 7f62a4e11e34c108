package cli

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/leian/leian/cluster"
)

var evalCmd = &command{
	name:  "eval",
	args:  "--input CSV --text COL --label COL [--k N] [--seed S] [--json]",
	short: "measure clustering quality on any labelled CSV (NMI, ARI, V-measure)",
	long: `Eval runs the similar-case text pipeline (cleaning, segmentation, features,
clustering) on the text column of a labelled CSV and compares the clusters
with the labels. Without --k the number of clusters comes from the data.
With --json it prints one object: nmi, ari, v_measure, clusters, seconds
(per stage, the one-time dictionary load reported apart).`,
	flags: func(fs *flag.FlagSet) func(*env, []string) error {
		input := fs.String("input", "", "labelled CSV `file` with a header")
		textCol := fs.String("text", "text", "text `column`")
		labelCol := fs.String("label", "label", "label `column`")
		k := fs.Int("k", 0, "number of clusters (0: from the data)")
		seed := fs.Uint64("seed", 1, "random seed")
		asJSON := fs.Bool("json", false, "print one JSON object")
		return func(e *env, args []string) error {
			if *input == "" || len(args) > 0 {
				return errUsage
			}
			texts, labels, err := readLabelled(*input, *textCol, *labelCol)
			if err != nil {
				return err
			}
			cfg := cluster.Defaults()
			cfg.K, cfg.Seed = *k, *seed
			r, err := cluster.Evaluate(e.ctx, texts, labels, cfg)
			if err != nil {
				return err
			}
			if *asJSON {
				return json.NewEncoder(e.stdout).Encode(r)
			}
			fmt.Fprintf(e.stdout, "documents %d, clusters %d\nNMI %.4f  ARI %.4f  V-measure %.4f\n", len(texts), r.Clusters, r.NMI, r.ARI, r.VMeasure)
			fmt.Fprintf(e.stdout, "seconds: dictionary %.2f (once), segmentation %.2f, features %.2f, clustering %.2f, total excluding dictionary %.2f\n",
				r.Seconds.Dictionary, r.Seconds.Segment, r.Seconds.Features, r.Seconds.Cluster, r.Seconds.Total)
			return nil
		}
	},
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
