package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/nhs-trawl/trawl/internal/config"
)

// defaultConfigFile is read from the current folder when --config is not
// given.
const defaultConfigFile = "trawl.toml"

// ConfigOptions are the flags of 'trawl config'.
type ConfigOptions struct{}

func newConfigCommand(g *globalOptions) *cli.Command {
	var o ConfigOptions
	return &cli.Command{
		Name:  "config",
		Usage: "print the effective configuration and check it",
		Description: `Reads the configuration (--config FILE, $TRAWL_CONFIG, or trawl.toml in the current
folder when it exists; defaults otherwise), lays the environment over it
($TRAWL_USER_AGENT, $TRAWL_FETCH_RATE, $TRAWL_FETCH_TIMEOUT, $TRAWL_FETCH_MAX_BYTES,
$TRAWL_FETCH_MAX_REDIRECTS, $TRAWL_FETCH_RETRIES), checks it, and prints the result as
TOML on stdout. A bad value is a usage error (exit 2) naming its field, such as
"sources[2].url". See trawl.example.toml for every setting.

Examples:
   trawl config
   trawl --config /etc/trawl/trawl.toml config`,
		Action: func(c *cli.Context) error {
			return runConfig(c.Context, o, g, c.Args().Slice())
		},
	}
}

func runConfig(_ context.Context, _ ConfigOptions, g *globalOptions, args []string) error {
	if len(args) > 0 {
		return usagef("config: takes no arguments (name the file with --config FILE)")
	}
	cfg, path, err := g.loadConfig()
	if err != nil {
		return err
	}
	if path == "" {
		fmt.Fprintln(g.stdout, "# no configuration file: the defaults, with the environment")
	} else {
		fmt.Fprintf(g.stdout, "# effective configuration: %s, with the environment\n", path)
	}
	return cfg.WriteTOML(g.stdout)
}

// loadConfig reads the configuration file (--config, else trawl.toml in the
// current folder when it exists, else the defaults), lays the environment
// over it and validates it. It returns the file read ("" for none). A bad
// configuration is a usage error naming the field.
func (g *globalOptions) loadConfig() (config.Config, string, error) {
	path := g.ConfigFile
	cfg := config.DefaultConfig()
	if path == "" {
		if _, err := os.Stat(defaultConfigFile); err == nil {
			path = defaultConfigFile
		}
	}
	if path != "" {
		c, err := config.Load(path)
		if errors.Is(err, os.ErrNotExist) {
			return cfg, path, usagef("--config %s: no such file (see trawl.example.toml)", path)
		}
		if err != nil {
			return cfg, path, usageError{err}
		}
		cfg = c
	}
	if err := cfg.ApplyEnv(os.LookupEnv); err != nil {
		return cfg, path, usageError{err}
	}
	if err := cfg.Validate(); err != nil {
		return cfg, path, usageError{configError(path, err)}
	}
	return cfg, path, nil
}

func configError(path string, err error) error {
	if path == "" {
		return fmt.Errorf("configuration: %w", err)
	}
	return fmt.Errorf("%s: %w", path, err)
}
