package cli

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/leian/leian/internal/serve"
)

var userCmd = &command{
	name:  "user",
	args:  "add NAME --role city|department:NAME|district:NAME [--users FILE]",
	short: "add a user of the browser console (leian serve --users)",
	long: `User add adds NAME to the users file (created if missing, mode 0600), or
replaces its role and password. The password is read from the terminal
(twice, not echoed), or as one line from standard input when that is not a
terminal; the file keeps only its bcrypt hash.

Roles: city sees everything, the SQL page included; department:NAME sees
only the tickets, cluster members and packs of that department (承办单位),
district:NAME those of that district (区), and no SQL page.`,
	flags: func(fs *flag.FlagSet) func(*env, []string) error {
		role := fs.String("role", "", "city, department:NAME or district:NAME (required)")
		users := fs.String("users", defaultUsers, "users `file`")
		return func(e *env, args []string) error {
			if len(args) != 2 || args[0] != "add" || *role == "" {
				return errUsage
			}
			r, err := serve.ParseRole(*role)
			if err != nil {
				return err
			}
			pw, err := readPassword(e)
			if err != nil {
				return err
			}
			if err := serve.AddUser(*users, args[1], r, pw); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "user %s (%s) saved in %s\n", args[1], r, *users)
			return nil
		}
	},
}

// readPassword reads a password: from the terminal twice without echo, or
// as the first line of standard input when it is not a terminal.
func readPassword(e *env) (string, error) {
	if f, ok := e.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(e.stderr, "password: ")
		a, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(e.stderr)
		if err != nil {
			return "", err
		}
		fmt.Fprint(e.stderr, "again: ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(e.stderr)
		if err != nil {
			return "", err
		}
		if string(a) != string(b) {
			return "", errors.New("the passwords differ")
		}
		return string(a), nil
	}
	line, err := bufio.NewReader(e.stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", errors.New("no password on standard input")
	}
	return line, nil
}
