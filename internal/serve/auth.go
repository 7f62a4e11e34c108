package serve

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/crypto/bcrypt"

	"github.com/leian/leian/ticket"
)

// ErrBadRole reports a role that is not city, department:NAME or
// district:NAME.
var ErrBadRole = errors.New("role must be city, department:NAME or district:NAME")

// ErrNoUser reports a login with an unknown name or a wrong password (the
// two are not told apart).
var ErrNoUser = errors.New("unknown user or wrong password")

// bcryptCost is the work factor of stored password hashes: bcrypt's
// default (10), about 60 ms per login on the 2-core test machine, which is
// slow enough against guessing and fast enough for a meeting room logging
// in at once.
const bcryptCost = bcrypt.DefaultCost

// Role is what a user may see: the whole city, or one department's or one
// district's tickets (ticket.ScopeCity, ScopeDepartment, ScopeDistrict).
type Role struct {
	Kind  ticket.ScopeKind
	Value string
}

// City reports whether the role sees every ticket (and the SQL page).
func (r Role) City() bool { return r.Kind == ticket.ScopeCity }

// String is the role as written in the users file: city,
// department:NAME or district:NAME.
func (r Role) String() string {
	if r.City() {
		return string(ticket.ScopeCity)
	}
	return string(r.Kind) + ":" + r.Value
}

// Label is the role in Chinese, for the page header.
func (r Role) Label() string {
	switch r.Kind {
	case ticket.ScopeDepartment:
		return "承办单位：" + r.Value
	case ticket.ScopeDistrict:
		return "区：" + r.Value
	}
	return "全市"
}

// ParseRole reads city, department:NAME or district:NAME (NAME not empty,
// surrounding spaces dropped); anything else is ErrBadRole.
func ParseRole(s string) (Role, error) {
	s = strings.TrimSpace(s)
	if s == string(ticket.ScopeCity) {
		return Role{Kind: ticket.ScopeCity}, nil
	}
	kind, value, ok := strings.Cut(s, ":")
	value = strings.TrimSpace(value)
	if !ok || value == "" {
		return Role{}, fmt.Errorf("%q: %w", s, ErrBadRole)
	}
	switch k := ticket.ScopeKind(kind); k {
	case ticket.ScopeDepartment, ticket.ScopeDistrict:
		return Role{Kind: k, Value: value}, nil
	}
	return Role{}, fmt.Errorf("%q: %w", s, ErrBadRole)
}

// User is one entry of the users file.
type User struct {
	Name string `json:"name"`
	Role string `json:"role"` // as ParseRole reads it
	Hash string `json:"hash"` // bcrypt
}

// usersFile is the users file: {"users": [{"name", "role", "hash"}, ...]}.
type usersFile struct {
	Users []User `json:"users"`
}

// Users are the console's accounts. Read-only after ReadUsers, so safe for
// concurrent use.
type Users struct {
	byName map[string]User
	dummy  []byte // a hash no password matches, compared for unknown names
}

// ReadUsers reads a users file (JSON, as AddUser writes it) and checks
// every role; a missing file is an error.
func ReadUsers(path string) (*Users, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("users file: %w", err)
	}
	var f usersFile
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("users file %s: %w", path, err)
	}
	dummy, err := bcrypt.GenerateFromPassword([]byte(path+" has no such user"), bcryptCost)
	if err != nil {
		return nil, err
	}
	us := &Users{byName: map[string]User{}, dummy: dummy}
	for i, u := range f.Users {
		if u.Name == "" || u.Hash == "" {
			return nil, fmt.Errorf("users file %s: user %d: name and hash are required", path, i+1)
		}
		if _, err := ParseRole(u.Role); err != nil {
			return nil, fmt.Errorf("users file %s: user %s: %w", path, u.Name, err)
		}
		us.byName[u.Name] = u
	}
	return us, nil
}

// Check returns the role of the user name when password is theirs, else
// ErrNoUser. An unknown name costs a bcrypt comparison too, so timing does
// not tell which names exist.
func (us *Users) Check(name, password string) (Role, error) {
	u, ok := us.byName[name]
	hash := []byte(u.Hash)
	if !ok {
		hash = us.dummy
	}
	if err := bcrypt.CompareHashAndPassword(hash, []byte(password)); err != nil || !ok {
		return Role{}, ErrNoUser
	}
	return ParseRole(u.Role)
}

// AddUser adds (or replaces) the user name with role and a bcrypt hash of
// password to the users file at path, creating it (mode 0600) if missing;
// users stay sorted by name. The file is replaced whole through a
// temporary file. An empty name or password is an error.
func AddUser(path, name string, role Role, password string) error {
	if strings.TrimSpace(name) == "" || strings.ContainsAny(name, " \t\r\n") {
		return fmt.Errorf("user name %q: want a name without spaces", name)
	}
	if password == "" {
		return errors.New("empty password")
	}
	var f usersFile
	b, err := os.ReadFile(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return err
	default:
		if err := json.Unmarshal(b, &f); err != nil {
			return fmt.Errorf("users file %s: %w", path, err)
		}
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), bcryptCost)
	if err != nil {
		return err
	}
	f.Users = append(withoutUser(f.Users, name), User{Name: name, Role: role.String(), Hash: string(hash)})
	sort.Slice(f.Users, func(i, j int) bool { return f.Users[i].Name < f.Users[j].Name })
	out, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp")
	if err := os.WriteFile(tmp, append(out, '\n'), 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

func withoutUser(us []User, name string) []User {
	out := us[:0]
	for _, u := range us {
		if u.Name != name {
			out = append(out, u)
		}
	}
	return out
}
