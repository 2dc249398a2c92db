# Everything CI runs is `make ci`; .ci/run calls it on a clean clone.
# peers/ is a nested module: the peer libraries that interop tests and
# benchmarks compare against stay out of the library's go.mod.

STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
MODULES     := . peers
FUZZTIME    ?= 10000x

.PHONY: ci test lint generate check-generate bench fuzz

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

# Every fuzz target, as package:Target; each runs for FUZZTIME. The
# default is a count of executions, not a duration: Go 1.26's fuzzer can
# fail a clean run with "context deadline exceeded" when a duration ends
# while a worker is mid-call (go.dev/issue/75804, fixed in Go 1.27).
# 10000x is a few seconds a target on two cores, build and baseline
# included, about two minutes for the list; for a longer hunt, run
# make fuzz FUZZTIME=300000x.
FUZZ := internal/table:FuzzParse internal/table:FuzzDecodeJSON \
	grpccodes:FuzzParse \
	rocketmq:FuzzParseCode rocketmq:FuzzCodeUnmarshalText rocketmq:FuzzCodeUnmarshalJSON \
	rocketmq:FuzzParseRPC rocketmq:FuzzRPCUnmarshalText \
	rocketmq:FuzzMarkUnmarshalText retry:FuzzOutcomeUnmarshalText \
	turms:FuzzParseCode turms:FuzzCodeUnmarshalText turms:FuzzCodeUnmarshalJSON \
	turms:FuzzParseClientCode turms:FuzzClientCodeUnmarshalText turms:FuzzClientCodeUnmarshalJSON \
	turms:FuzzParseSessionCloseStatus turms:FuzzSessionCloseStatusUnmarshalText \
	turms:FuzzSessionCloseStatusUnmarshalJSON \
	httpmap:FuzzParseCode httpmap:FuzzCodeUnmarshalText httpmap:FuzzCodeUnmarshalJSON \
	httpmap:FuzzReadError \
	cmd/statuscode:FuzzParseQuery

fuzz:
	@for t in $(FUZZ); do \
		echo "fuzz $$t for $(FUZZTIME)"; \
		out=$$(go test -run '^$$' -fuzz "^$${t#*:}\$$" -fuzztime $(FUZZTIME) ./$${t%%:*} 2>&1) || { echo "$$out"; exit 1; }; \
	done
