package contracts_test

import "github.com/shaleprotocol/shale/bench"

// Sections of bench/RESULTS.md these tests write (titles must stay exactly these).
const (
	gasSection    = "Contracts: gas per operation"
	proverSection = "Prover: constraints, prove time, commitment hash"
)

// updateSection rewrites part of one "## section" of the results file (bench.WriteSubsection).
func updateSection(path, section, sub, body string) error {
	return bench.WriteSubsection(path, section, sub, body)
}
