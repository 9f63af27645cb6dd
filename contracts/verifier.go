package contracts

import (
	"context"
	"fmt"

	"github.com/ethereum/go-ethereum/accounts/abi/bind"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/shaleprotocol/shale/contracts/bindings"
)

// DeployVerifier deploys the committed gnark Groth16 verifier of the settlement circuit
// (src/SettlementVerifier.sol, K = 4) and waits until it is mined; pass its address as
// Config.Verifier.
func DeployVerifier(ctx context.Context, backend Backend, opts *bind.TransactOpts) (common.Address, *types.Receipt, error) {
	o := txOpts(ctx, opts, nil)
	addr, tx, _, err := bindings.DeploySettlementVerifier(o, backend)
	if err != nil {
		return common.Address{}, nil, fmt.Errorf("deploying settlement verifier: %w", DecodeError(err))
	}
	m := &Marketplace{backend: backend}
	rcpt, err := m.wait(ctx, "deploying settlement verifier", o.From, tx)
	if err != nil {
		return common.Address{}, rcpt, err
	}
	return addr, rcpt, nil
}
