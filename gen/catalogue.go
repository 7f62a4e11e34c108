package gen

import (
	"bufio"
	"embed"
	"fmt"
	"strconv"
	"strings"
)

//go:embed data/*.txt
var dataFS embed.FS

// IssueType is one similar-case issue: what a group of tickets is about.
type IssueType struct {
	ID         string // stable key, "T001"...
	Category   string // one of the 18 major categories
	Item       string // catalogue item
	Department string // responsible department
	Urgent     float64
	Subjects   []string
	Problems   []string
}

// Catalogue is the generated catalogue: the issue types and the phrase pools.
type Catalogue struct {
	Types   []IssueType
	Phrases map[string][]string // opener, closer, detail, time
}

// LoadCatalogue parses the embedded issue types and phrase pools.
func LoadCatalogue() (*Catalogue, error) {
	types, err := parseIssues("data/issues.txt")
	if err != nil {
		return nil, err
	}
	phrases, err := parseSections("data/phrases.txt")
	if err != nil {
		return nil, err
	}
	return &Catalogue{Types: types, Phrases: phrases}, nil
}

func parseIssues(name string) ([]IssueType, error) {
	var types []IssueType
	err := eachLine(name, func(n int, line string) error {
		f := strings.Split(line, "|")
		if len(f) != 6 {
			return fmt.Errorf("%s line %d: want 6 fields, got %d", name, n, len(f))
		}
		urgent, err := strconv.ParseFloat(f[3], 64)
		if err != nil {
			return fmt.Errorf("%s line %d: urgent share: %w", name, n, err)
		}
		types = append(types, IssueType{
			ID:       fmt.Sprintf("T%03d", len(types)+1),
			Category: f[0], Item: f[1], Department: f[2], Urgent: urgent,
			Subjects: strings.Split(f[4], ";"), Problems: strings.Split(f[5], ";"),
		})
		return nil
	})
	return types, err
}

func parseSections(name string) (map[string][]string, error) {
	m := map[string][]string{}
	section := ""
	err := eachLine(name, func(n int, line string) error {
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			section = line[1 : len(line)-1]
			return nil
		}
		if section == "" {
			return fmt.Errorf("%s line %d: phrase outside a [section]", name, n)
		}
		m[section] = append(m[section], line)
		return nil
	})
	return m, err
}

// eachLine calls fn for every non-blank, non-comment line of an embedded file.
func eachLine(name string, fn func(n int, line string) error) error {
	f, err := dataFS.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := fn(n, line); err != nil {
			return err
		}
	}
	return sc.Err()
}
