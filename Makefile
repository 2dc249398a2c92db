# Everything CI runs is `make ci`; .ci/run calls it on a clean clone.
# peers/ is a nested module: the peer libraries that interop tests and
# benchmarks compare against stay out of the library's go.mod.

STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
MODULES     := . peers
FUZZTIME    ?= 10s

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

# Regenerates the tables and fails if that changed any checked-in file.
check-generate: generate
	git diff --exit-code -- '*.go'

bench:
	go test -run '^$$' -bench . -benchmem ./...
	cd peers && go test -run '^$$' -bench . -benchmem ./...

fuzz:
	go test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) ./internal/table
	go test -run '^$$' -fuzz '^FuzzDecodeJSON$$' -fuzztime $(FUZZTIME) ./internal/table
