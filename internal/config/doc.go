// Package config reads trawl's configuration file (trawl.toml): how to fetch
// politely ([fetch]) and which sources to follow ([[sources]]: folders,
// RSS/Atom feeds, and pages that list board papers).
//
// A configuration flows through three functions: DefaultConfig gives every
// default, ParseConfig reads a TOML file over them, and Validate checks the
// result with errors naming the bad field ("sources[2].url: ..."). The
// environment (ApplyEnv) and command-line flags are laid over the file in
// that order, so that flags win over the environment and the environment
// over the file. Fetch turns a valid Config into what package fetch runs.
package config
