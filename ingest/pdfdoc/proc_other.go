//go:build !unix

package pdfdoc

import "os/exec"

// ownGroup leaves cmd as it is: CommandContext kills the process itself.
func ownGroup(cmd *exec.Cmd) {}
