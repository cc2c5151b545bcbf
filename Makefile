# trawl: see README.md. `make demo` runs the main job on the bundled sample
# corpus; `make test` runs the tests (what CI runs).

GO       ?= go
BIN      := bin/trawl
DEMO     := demo-data
FUZZTIME ?= 3s
BENCHTIME ?= 1s

.PHONY: all deps build test unit vet fmt-check fuzz bench bench-scale demo clean

all: build

# Debian packages the readers use: installed when missing and apt-get can run.
deps:
	@if ! command -v pdftotext >/dev/null; then \
	  if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	    echo "installing poppler-utils (pdftotext)"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends poppler-utils >/dev/null; \
	  else echo "note: pdftotext not found; PDFs are read with the pure-Go fallback (apt-get install poppler-utils)"; fi; \
	fi
	@if ! command -v tesseract >/dev/null || ! tesseract --list-langs 2>/dev/null | grep -qx eng; then \
	  if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	    echo "installing tesseract-ocr tesseract-ocr-eng (OCR of scanned PDFs)"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends tesseract-ocr tesseract-ocr-eng >/dev/null; \
	  else echo "note: tesseract not found; scanned PDFs are rejected as needing OCR (apt-get install tesseract-ocr tesseract-ocr-eng)"; fi; \
	fi
	@if [ ! -x /usr/bin/chromium ] || ! command -v chromedriver >/dev/null; then \
	  if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	    echo "installing chromium chromium-driver (the web page's browser test)"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null; \
	  else echo "note: chromium not found; the browser test of the web page is skipped (apt-get install chromium chromium-driver)"; fi; \
	fi

build:
	$(GO) build -o $(BIN) ./cmd/trawl

# The tests: formatting, vet, every unit/integration test, then each fuzz
# target for $(FUZZTIME).
test: deps fmt-check vet unit fuzz

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

unit:
	$(GO) test -count=1 ./...

# Every func FuzzX in a _test.go file, each for $(FUZZTIME). Minimizing is off
# (Go issues 48820, 52569: it can stall past -fuzztime and kill the worker);
# a failing input is written as found, and the first run's log is printed. A
# bare "context deadline exceeded" with no failing input written is Go 1.26's
# race at the -fuzztime deadline (golang/go#75804, fixed in 1.27), not a
# finding: it is reported and the run goes on.
fuzz:
	@set -e; for f in $$(grep -rl --include='*_test.go' '^func Fuzz' . | sort); do \
	  d=$$(dirname $$f); \
	  for t in $$(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' $$f); do \
	    echo "fuzz $$d $$t ($(FUZZTIME))"; \
	    log=$$(mktemp); \
	    if ! $(GO) test -run='^$$' -fuzz="^$$t$$" -fuzztime=$(FUZZTIME) -fuzzminimizetime=0 $$d >$$log 2>&1; then \
	      if grep -q 'context deadline exceeded' $$log && ! grep -q 'Failing input written\|panic:' $$log; then \
	        echo "  (no failing input: the -fuzztime deadline race of Go 1.26, golang/go#75804; not a finding)"; \
	      else echo "FAIL fuzz $$d $$t"; cat $$log; rm -f $$log; exit 1; fi; \
	    fi; \
	    rm -f $$log; \
	  done; \
	done

# Throughput and memory of every stage (figures in README.md).
bench:
	$(GO) test -run='^$$' -bench=. -benchmem -benchtime=$(BENCHTIME) ./...

# trawl run over 100,000 generated documents: docs/s and MB/s per stage, peak
# RSS, store and index size, a no-change run and a 10,000-change run
# (figures in README.md). N=20000 make bench-scale for a quicker look.
bench-scale: build
	scripts/bench-scale.sh

# The main job on the bundled sample corpus, in a fresh data directory.
demo: deps build
	rm -rf $(DEMO)
	@echo "== trawl run: ingest (bad files are rejected with their reason: exit code 3), OCR the scanned paper, extract, index"
	-$(BIN) --data $(DEMO) run --report $(DEMO)-report.json testdata/corpus testdata/bad testdata/scanned; echo "exit code $$?"
	@grep -E '"(files|new|rejected|extracted|indexed|events)"' $(DEMO)-report.json
	@echo "== second run: nothing changed, nothing read, extracted or indexed"
	$(BIN) --data $(DEMO) run --report - testdata/corpus testdata/bad testdata/scanned | grep -E '"(read|new|extracted|indexed)"'
	$(BIN) --data $(DEMO) ls
	$(BIN) --data $(DEMO) stats
	@echo "== search"
	$(BIN) --data $(DEMO) search --size 3 "Cerner go-live delay"
	@echo "== the Royal Free timeline, every event with its sources"
	$(BIN) --data $(DEMO) timeline --trust "Royal Free"
	@echo "== what is extracted from one article"
	$(BIN) extract --format table --published 2008-11 testdata/corpus/news/ehi-24279-rescue-plan-for-royal-free.html
	@echo "== browse it: $(BIN) --data $(DEMO) serve   (then open http://127.0.0.1:8080/)"

clean:
	rm -rf bin $(DEMO) $(DEMO)-report.json
