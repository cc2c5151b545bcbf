package gazetteer

import (
	"sync"
	"testing"

	"github.com/nhs-trawl/trawl/corpus"
)

// testGaz loads the gazetteer and matcher once for the package's tests. The
// cache lives in test code only; the package itself keeps no global state.
var testGaz = struct {
	once sync.Once
	g    *Gazetteer
	m    *Matcher
	err  error
}{}

func loadT(t testing.TB) (*Gazetteer, *Matcher) {
	t.Helper()
	testGaz.once.Do(func() {
		testGaz.g, testGaz.err = Load()
		if testGaz.err == nil {
			testGaz.m = testGaz.g.Matcher()
		}
	})
	if testGaz.err != nil {
		t.Fatalf("Load() = %v", testGaz.err)
	}
	return testGaz.g, testGaz.m
}

func day(s string) corpus.Date {
	d, err := corpus.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}
