# Everything CI runs is `make ci`; .ci/run calls it on a clean clone.
# peers/ is a nested module: the peer libraries that interop tests and
# benchmarks compare against stay out of the library's go.mod.

STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
MODULES     := . peers
FUZZTIME    ?= 10000x

.PHONY: ci test lint generate check-generate bench fuzz fuzz-list

ci: lint check-generate fuzz test

test:
	go test -race ./...
	cd peers && go test -race ./...

lint:
	@unformatted=$$(gofmt -l . | grep -v '^internal/table/testdata/' || true); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	for m in $(MODULES); do (cd $$m && go mod tidy -diff && go vet ./... && go run $(STATICCHECK) ./...) || exit 1; done

generate:
	go generate ./...

# Regenerates the tables and the README's "Registries" section, and fails
# if that changed any checked-in file.
check-generate: generate
	git diff --exit-code -- '*.go' README.md

# make bench runs every benchmark BENCHCOUNT times, keeps the raw output
# in .bench/, and writes benchstat's summary into BENCHMARKS.md between its
# markers: the pairs of peers/ side by side (benchstat -col /impl), then
# the library's own benchmarks.
BENCHSTAT  := golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da
BENCHCOUNT ?= 6

bench:
	@mkdir -p .bench
	cd peers && go test -run '^$$' -bench . -benchmem -count $(BENCHCOUNT) . > ../.bench/peers.txt
	go test -run '^$$' -bench . -benchmem -count $(BENCHCOUNT) ./... > .bench/statusreg.txt
	go run $(BENCHSTAT) -col /impl .bench/peers.txt > .bench/peers.stat
	go run $(BENCHSTAT) .bench/statusreg.txt > .bench/statusreg.stat
	{ sed -n '1,/^<!-- BEGIN make bench/p' BENCHMARKS.md; \
	  echo; echo '### Side by side with the peers (`benchstat -col /impl`)'; echo; \
	  echo '```'; cat .bench/peers.stat; echo '```'; \
	  echo; echo "### The library's own benchmarks"; echo; \
	  echo '```'; cat .bench/statusreg.stat; echo '```'; echo; \
	  sed -n '/^<!-- END make bench/,$$p' BENCHMARKS.md; } > .bench/BENCHMARKS.md
	mv .bench/BENCHMARKS.md BENCHMARKS.md

# make fuzz runs every fuzz target of the module for FUZZTIME each. It
# finds them itself, so that a new target, or a new registry's, runs with
# no edit here: the test files go list selects for each package (build
# constraints applied), and in them each top-level func FuzzXxx(, which go
# test accepts only with a fuzz target's signature. This costs no build;
# go test -list would build and run every test binary, TestMains
# included, some twenty seconds before the first target. A target that
# go test then does not find fails the run, as does finding none.
# The default is a count of executions, not a duration: Go 1.26's fuzzer
# can fail a clean run with "context deadline exceeded" when a duration
# ends while a worker is mid-call (go.dev/issue/75804, fixed in Go 1.27).
# 10000x is a few seconds a target on two cores, build and baseline
# included, about two minutes for them all; for a longer hunt, run
# make fuzz FUZZTIME=300000x. make fuzz-list prints the targets found, as
# package:Target.
list_fuzz = pkgs=$$(go list -f '{{.ImportPath}}{{range .TestGoFiles}} {{$$.Dir}}/{{.}}{{end}}{{range .XTestGoFiles}} {{$$.Dir}}/{{.}}{{end}}' ./...) || exit 1; \
	echo "$$pkgs" | while read -r pkg files; do \
		[ -z "$$files" ] || sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' $$files | sed "s|^|$$pkg:|"; \
	done

fuzz-list:
	@$(list_fuzz)

fuzz:
	@targets=$$($(list_fuzz)) || exit 1; \
	[ -n "$$targets" ] || { echo "make fuzz: no fuzz targets found"; exit 1; }; \
	for t in $$targets; do \
		echo "fuzz $$t for $(FUZZTIME)"; \
		out=$$(go test -run '^$$' -fuzz "^$${t#*:}\$$" -fuzztime $(FUZZTIME) $${t%%:*} 2>&1) || { echo "$$out"; exit 1; }; \
		case "$$out" in *"no fuzz tests to fuzz"*) echo "$$out"; echo "make fuzz: go test found no target $$t"; exit 1;; esac; \
	done
