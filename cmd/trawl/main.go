// Command trawl turns folders of NHS board papers and health-IT news into a
// searchable, dated record. See README.md.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"syscall"

	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/index"
)

// Exit codes.
const (
	exitOK      = 0
	exitFatal   = 1
	exitUsage   = 2
	exitPartial = 3
	exitLocked  = 4
)

const exitCodesHelp = `EXIT CODES:
   0  ok
   1  fatal error (nothing or not all was done; see the message)
   2  usage error (bad command, flag or argument)
   3  partial: the run finished but some inputs were rejected or failed (listed by 'trawl stats')
   4  another trawl run holds the lock of the data directory`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run runs the trawl command line and returns its exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	g := &globalOptions{stdout: stdout, stderr: stderr}
	app := newApp(g)
	err := app.RunContext(ctx, args)
	return exitCode(err, stderr)
}

// usageError is a mistake in the command line.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	var ue usageError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "trawl: %v\nRun 'trawl --help' or 'trawl COMMAND --help' for usage.\n", err)
		return exitUsage
	case errors.Is(err, corpus.ErrLocked):
		fmt.Fprintf(stderr, "trawl: %v\n", err)
		return exitLocked
	case errors.Is(err, corpus.ErrPartial):
		fmt.Fprintf(stderr, "trawl: %v (see 'trawl stats')\n", err)
		return exitPartial
	}
	fmt.Fprintf(stderr, "trawl: %v\n", err)
	return exitFatal
}

// globalOptions are the flags every command shares, and what they set up.
type globalOptions struct {
	DataDir   string
	Quiet     bool
	LogFormat string
	Verbose   bool
	// ConfigFile is the configuration file (--config): "" for trawl.toml in
	// the current folder when it exists.
	ConfigFile string
	// MemoryLimitMiB is the Go heap's soft limit (--memory-limit).
	MemoryLimitMiB int
	// MappedLimitMiB caps the resident pages of the index's mapped files
	// while it is written (--mapped-limit).
	MappedLimitMiB int
	// CPUProfile is where --cpuprofile writes a pprof CPU profile.
	CPUProfile string

	stopProfile func() error

	stdout, stderr io.Writer
	logger         *slog.Logger
	progress       bool // show progress: stderr is a terminal and not --quiet
}

func newApp(g *globalOptions) *cli.App {
	onUsage := func(_ *cli.Context, err error, _ bool) error { return usageError{err} }
	app := &cli.App{
		Name:  "trawl",
		Usage: "a searchable, dated record of NHS board papers and health-IT news",
		Description: "trawl ingests news articles and board papers into a store, extracts who did what, when\n" +
			"and at what cost, and indexes it for search and timelines.\n\n" + exitCodesHelp,
		Writer:    g.stdout,
		ErrWriter: g.stderr,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "data", Value: "./trawl-data", EnvVars: []string{"TRAWL_DATA"}, Usage: "data `DIR` holding the store, the index and fetched documents", Destination: &g.DataDir},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no progress or informational output (also when stderr is not a terminal)", Destination: &g.Quiet},
			&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "debug logging", Destination: &g.Verbose},
			&cli.StringFlag{Name: "log-format", Value: "text", Usage: "log format on stderr: text or json", Destination: &g.LogFormat},
			&cli.IntFlag{Name: "memory-limit", Value: 768, Usage: "soft limit of the Go heap in `MiB` (0: none, and the collector runs each time the heap doubles; GOMEMLIMIT and GOGC, when set, win): below it the collector lets the heap grow to 5 times what it holds, and works harder near it, so that big runs stay within a machine's memory", Destination: &g.MemoryLimitMiB},
			&cli.IntFlag{Name: "mapped-limit", Value: index.DefaultMappedLimit >> 20, Usage: "while the index is written, its memory-mapped segment pages above this many `MiB` of the process's resident set are handed back to the kernel's page cache (0: no limit), so that resident memory stays near --memory-limit however big the index", Destination: &g.MappedLimitMiB},
			&cli.StringFlag{Name: "cpuprofile", Usage: "write a CPU profile (go tool pprof) of the command to `FILE`", Destination: &g.CPUProfile},
			&cli.StringFlag{Name: "config", EnvVars: []string{"TRAWL_CONFIG"}, Usage: "configuration `FILE` of sources and fetching (default: trawl.toml in the current folder, when it exists)", Destination: &g.ConfigFile},
		},
		Before: func(*cli.Context) error { return g.setup() },
		After: func(*cli.Context) error {
			if g.stopProfile == nil {
				return nil
			}
			err := g.stopProfile()
			g.stopProfile = nil
			return err
		},
		Commands: []*cli.Command{
			newIngestCommand(g),
			newRunCommand(g),
			newLsCommand(g),
			newShowCommand(g),
			newStatsCommand(g),
			newGenCommand(g),
			newIndexCommand(g),
			newSearchCommand(g),
			newTimelineCommand(g),
			newExportCommand(g),
			newServeCommand(g),
			newEvalCommand(g),
			newExtractCommand(g),
			newFetchCommand(g),
			newSourcesCommand(g),
			newConfigCommand(g),
		},
		OnUsageError:   onUsage,
		ExitErrHandler: func(*cli.Context, error) {},
		CommandNotFound: func(c *cli.Context, name string) {
			fmt.Fprintf(g.stderr, "trawl: no command %q\n", name)
		},
	}
	for _, c := range app.Commands {
		c.OnUsageError = onUsage
		c.Description = c.Description + "\n\n" + exitCodesHelp
	}
	return app
}

// mappedLimit is --mapped-limit as index.Options.MappedLimit.
func (g *globalOptions) mappedLimit() int64 {
	if g.MappedLimitMiB == 0 {
		return -1
	}
	return int64(g.MappedLimitMiB) << 20
}

func (g *globalOptions) setup() error {
	g.progress = !g.Quiet && isTerminal(g.stderr)
	switch {
	case g.MemoryLimitMiB < 0:
		return usagef("--memory-limit %d: want MiB, or 0 for none", g.MemoryLimitMiB)
	case g.MappedLimitMiB < 0:
		return usagef("--mapped-limit %d: want MiB, or 0 for none", g.MappedLimitMiB)
	case g.MemoryLimitMiB > 0 && os.Getenv("GOMEMLIMIT") == "":
		debug.SetMemoryLimit(int64(g.MemoryLimitMiB) << 20)
		// With a limit to bound the heap, the collector need not run each
		// time the heap doubles: ingest, extraction and indexing allocate
		// much and keep little, and GOGC=400 cut a run's CPU by a fifth
		// (20,000 news documents: 164 -> 131 CPU-seconds).
		if os.Getenv("GOGC") == "" {
			debug.SetGCPercent(400)
		}
	}
	// Informational output only on a terminal; batch mode (--quiet, or
	// stderr not a terminal) keeps warnings and errors.
	level := slog.LevelInfo
	switch {
	case g.Verbose:
		level = slog.LevelDebug
	case !g.progress:
		level = slog.LevelWarn
	}
	opts := &slog.HandlerOptions{Level: level}
	switch g.LogFormat {
	case "text":
		g.logger = slog.New(slog.NewTextHandler(g.stderr, opts))
	case "json":
		g.logger = slog.New(slog.NewJSONHandler(g.stderr, opts))
	default:
		return usagef("--log-format %q: want text or json", g.LogFormat)
	}
	if g.CPUProfile != "" {
		f, err := os.Create(g.CPUProfile)
		if err != nil {
			return fmt.Errorf("--cpuprofile: %w", err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return fmt.Errorf("--cpuprofile %s: %w", g.CPUProfile, err)
		}
		g.stopProfile = func() error {
			pprof.StopCPUProfile()
			if err := f.Close(); err != nil {
				return fmt.Errorf("--cpuprofile %s: %w", g.CPUProfile, err)
			}
			return nil
		}
	}
	return nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// openStore opens the store of the data directory.
func (g *globalOptions) openStore() (*corpus.Store, error) {
	return corpus.Open(g.DataDir, corpus.Options{})
}

// writeStore takes the writer lock of the data directory for command and
// opens the store; release closes the store and drops the lock.
func (g *globalOptions) writeStore(command string) (store *corpus.Store, release func(), err error) {
	lock, err := g.lock(command)
	if err != nil {
		return nil, nil, err
	}
	store, err = g.openStore()
	if err != nil {
		lock.Unlock()
		return nil, nil, err
	}
	return store, func() { store.Close(); lock.Unlock() }, nil
}

// lock takes the writer lock of the data directory for command.
func (g *globalOptions) lock(command string) (*corpus.WriterLock, error) {
	return corpus.Lock(g.DataDir, command)
}
