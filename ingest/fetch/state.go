package fetch

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/nhs-trawl/trawl/corpus"
)

// State namespaces in the store.
const (
	NamespaceURL    = "fetch"  // URL -> URLState
	NamespaceSource = "source" // source name -> SourceRecord
)

// URLState is what the store keeps of a fetched URL, for conditional
// requests and for reports.
type URLState struct {
	FinalURL     string    `json:"final_url,omitempty"`
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	Status       int       `json:"status,omitempty"` // the last HTTP status (0 when no response)
	ContentType  string    `json:"content_type,omitempty"`
	File         string    `json:"file,omitempty"`        // the cached copy
	LastFetched  time.Time `json:"last_fetched,omitzero"` // the last request
	LastSuccess  time.Time `json:"last_success,omitzero"` // the last 200 or 304
	Failures     int       `json:"failures,omitempty"`    // failures in a row
	LastError    string    `json:"last_error,omitempty"`
}

// SourceRecord is what the store keeps of a source's runs.
type SourceRecord struct {
	LastRun     time.Time `json:"last_run,omitzero"`
	LastSuccess time.Time `json:"last_success,omitzero"` // the last run with no failure
	Counts
	Errors []Failure `json:"errors,omitempty"` // the last run's failures (at most maxRecordedErrors)
}

const maxRecordedErrors = 20

// Counts are what a fetch did with the URLs of a source.
type Counts struct {
	Found       int `json:"found"`        // document URLs found (feed items, page links)
	Fetched     int `json:"fetched"`      // new or changed documents written to the cache
	NotModified int `json:"not_modified"` // 304s
	Unchanged   int `json:"unchanged"`    // 200s whose bytes were those cached
	Failed      int `json:"failed"`
	Robots      int `json:"robots"` // disallowed by robots.txt, never requested
}

func (c *Counts) add(o Counts) {
	c.Found += o.Found
	c.Fetched += o.Fetched
	c.NotModified += o.NotModified
	c.Unchanged += o.Unchanged
	c.Failed += o.Failed
	c.Robots += o.Robots
}

// Failure is a URL that could not be fetched, and why.
type Failure struct {
	URL    string `json:"url"`
	Reason string `json:"reason"`
}

func loadURLStates(store *corpus.Store) (map[string]URLState, error) {
	out := map[string]URLState{}
	err := store.View(func(tx *corpus.Tx) error {
		return tx.ForEachState(NamespaceURL, func(k string, v []byte) error {
			var s URLState
			if err := json.Unmarshal(v, &s); err != nil {
				return fmt.Errorf("fetch state of %s: %w", k, err)
			}
			out[k] = s
			return nil
		})
	})
	return out, err
}

// Records returns the stored run records of every source that ran.
func Records(store *corpus.Store) (map[string]SourceRecord, error) {
	out := map[string]SourceRecord{}
	err := store.View(func(tx *corpus.Tx) error {
		return tx.ForEachState(NamespaceSource, func(k string, v []byte) error {
			var r SourceRecord
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("record of source %s: %w", k, err)
			}
			out[k] = r
			return nil
		})
	})
	return out, err
}

// URLStates returns the stored state of every fetched URL.
func URLStates(store *corpus.Store) (map[string]URLState, error) { return loadURLStates(store) }
