# Shale — the two commands that matter are `make demo` and `make test`.
.PHONY: demo down test setup build bench fmt vet

demo:            ## bring up Docker + a Nomad dev agent with the plugin and run the example lease
	scripts/demo.sh

down:            ## stop the demo's agent and containers
	scripts/down.sh

test:            ## every test, against real Docker, Nomad and the EVM (installs what is missing)
	scripts/test.sh

setup:           ## install/build the real components only
	scripts/setup.sh

build:
	CGO_ENABLED=0 go build -o bin/shale-driver ./cmd/shale-driver

bench:           ## every benchmark against its same-run baseline; each rewrites its section of bench/RESULTS.md
	scripts/bench.sh

fmt:
	gofmt -w $$(git ls-files '*.go')

vet:
	go vet ./...
