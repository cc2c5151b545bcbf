package gen

import (
	"fmt"
	"math/rand/v2"
)

func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 99)) }

func fmtSscan(s string, f *float64) (int, error) { return fmt.Sscan(s, f) }
