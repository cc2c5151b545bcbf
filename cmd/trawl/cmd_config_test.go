package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeConfig(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "trawl.toml")
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestConfigCommand(t *testing.T) {
	good := writeConfig(t, `
[fetch]
rate = 0.5
[[sources]]
name = "digitalhealth"
type = "feed"
url = "https://www.digitalhealth.net/feed/"
[[sources]]
name = "papers"
type = "folder"
path = "papers"
`)
	bad := writeConfig(t, "[[sources]]\nname = \"a\"\ntype = \"feed\"\nurl = \"https://n.example/a\"\n[[sources]]\nname = \"b\"\ntype = \"feed\"\nurl = \"ftp://n.example/b\"\n")
	unknown := writeConfig(t, "[fetch]\nrat = 2\n")
	for _, tt := range []struct {
		name string
		args []string
		env  map[string]string
		code int
		out  []string // in stdout
		err  string   // in stderr
	}{
		{name: "defaults", args: []string{"config"}, code: exitOK, out: []string{"# no configuration file", "[fetch]", "rate = 1.0", "max_redirects = 5", "retries = 3", `user_agent = "trawl/`}},
		{name: "file", args: []string{"--config", good, "config"}, code: exitOK, out: []string{"# effective configuration: " + good, "rate = 0.5", `name = "digitalhealth"`, `kind = "news"`, `path = "` + filepath.Join(filepath.Dir(good), "papers") + `"`}},
		{name: "env over file", args: []string{"--config", good, "config"}, env: map[string]string{"TRAWL_FETCH_RATE": "2", "TRAWL_USER_AGENT": "night-trawl/1"}, code: exitOK, out: []string{"rate = 2.0", `user_agent = "night-trawl/1"`}},
		{name: "config from env", args: []string{"config"}, env: map[string]string{"TRAWL_CONFIG": good}, code: exitOK, out: []string{`name = "digitalhealth"`}},
		{name: "bad field", args: []string{"--config", bad, "config"}, code: exitUsage, err: "sources[1].url: \"ftp://n.example/b\": want an http or https URL"},
		{name: "unknown key", args: []string{"--config", unknown, "config"}, code: exitUsage, err: "fetch.rat: unknown key"},
		{name: "bad env", args: []string{"config"}, env: map[string]string{"TRAWL_FETCH_RETRIES": "many"}, code: exitUsage, err: "$TRAWL_FETCH_RETRIES"},
		{name: "missing file", args: []string{"--config", filepath.Join(t.TempDir(), "none.toml"), "config"}, code: exitUsage, err: "no such file"},
		{name: "arguments", args: []string{"config", "x"}, code: exitUsage, err: "takes no arguments"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			code, out, stderr := trawl(t, append([]string{"--data", t.TempDir()}, tt.args...)...)
			if code != tt.code || !strings.Contains(stderr, tt.err) {
				t.Fatalf("trawl %v = exit %d, stderr %q; want exit %d saying %q", tt.args, code, stderr, tt.code, tt.err)
			}
			for _, want := range tt.out {
				if !strings.Contains(out, want) {
					t.Errorf("trawl %v printed:\n%s\nwant it to hold %q", tt.args, out, want)
				}
			}
		})
	}
}

func TestConfigFromCurrentFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "trawl.toml"), []byte("[[sources]]\nname = \"here\"\ntype = \"feed\"\nurl = \"https://n.example/feed\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	code, out, stderr := trawl(t, "--data", t.TempDir(), "config")
	if code != exitOK || !strings.Contains(out, `name = "here"`) || !strings.Contains(out, "# effective configuration: trawl.toml") {
		t.Errorf("config with trawl.toml in the current folder = exit %d, %q, %q", code, out, stderr)
	}
}
