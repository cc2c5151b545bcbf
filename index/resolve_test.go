package index

import (
	"strings"
	"sync"
	"testing"

	"github.com/nhs-trawl/trawl/extract/gazetteer"
)

var (
	testResolverOnce sync.Once
	testResolver     *Resolver
	testGaz          *gazetteer.Gazetteer
)

// resolverT builds one resolver for the package's tests (the gazetteer and
// its matcher are immutable).
func resolverT(t testing.TB) *Resolver {
	t.Helper()
	testResolverOnce.Do(func() {
		g, err := gazetteer.Load()
		if err != nil {
			t.Fatalf("gazetteer.Load: %v", err)
		}
		testGaz = g
		testResolver = NewResolver(g)
	})
	if testResolver == nil {
		t.Fatal("no resolver")
	}
	return testResolver
}

func TestResolve(t *testing.T) {
	r := resolverT(t)
	for _, tt := range []struct {
		kind   EntityKind
		in     string
		wantID string
	}{
		{KindTrust, "RAL", "RAL"},
		{KindTrust, "ral", "RAL"},
		{KindTrust, "Royal Free", "RAL"},
		{KindTrust, "royal free", "RAL"},
		{KindTrust, "Royal Free London NHS Foundation Trust", "RAL"},
		{KindTrust, "Royal Free Hampstead NHS Trust", "RAL"},
		{KindTrust, "Kingston Hospital NHS Trust", "RAX"},
		{KindVendor, "BT", "bt"},
		{KindVendor, "BT Health", "bt"},
		{KindVendor, "cerner", "cerner"},
		{KindSystem, "Cerner Millennium", "cerner-millennium"},
		{KindSystem, "Millennium", "cerner-millennium"},
		{KindTrust, "Barts", "R1H,RNJ"},
		{KindTrust, "Nowhere Imaginary Trust", ""},
		{KindPerson, "Andrew Way", ""},
	} {
		got := r.Resolve(tt.kind, tt.in)
		if strings.Join(got.IDs, ",") != tt.wantID {
			t.Errorf("Resolve(%s, %q) = %+v; want ID %q", tt.kind, tt.in, got, tt.wantID)
		}
		if got.Name == "" {
			t.Errorf("Resolve(%s, %q) has no name", tt.kind, tt.in)
		}
	}
}
