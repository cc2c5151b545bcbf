package web

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// Page rendering on the sample corpus: the handler's own cost over the
// index (one search per page, two for an entity page).
func BenchmarkPages(b *testing.B) {
	rescue := docID(b, "ehi-24279-rescue-plan-for-royal-free.html")
	for _, c := range []struct{ name, url string }{
		{"search", "/?q=cerner+go-live"},
		{"search-filtered", "/?q=cerner&trust=RAL&from=2008&to=2009"},
		{"doc", "/doc/" + rescue},
		{"entity", "/entity/trust/RAL"},
		{"timeline", "/timeline?trust=Royal+Free"},
		{"api-search", "/api/search?q=cerner"},
	} {
		b.Run(c.name, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, c.url, nil)
			b.ReportAllocs()
			for b.Loop() {
				rec := httptest.NewRecorder()
				fx.srv.ServeHTTP(rec, req)
				if rec.Code != 200 {
					b.Fatalf("GET %s: %d", c.url, rec.Code)
				}
			}
		})
	}
}
