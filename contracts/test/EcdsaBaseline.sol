// SPDX-License-Identifier: UNLICENSED
pragma solidity ^0.8.24;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {Marketplace, ISettlementVerifier} from "../src/Marketplace.sol";

/// @title Naive settlement baseline for the gas benchmarks (test only)
/// @notice The marketplace as it would be without zero knowledge: every lease's final cumulative
///         voucher is an ECDSA (secp256k1) signature by the order's client account, checked on
///         chain one by one. It inherits Marketplace, so orders, escrow, collateral and the
///         per-lease settlement effects (state, paid, SP and client credits, OrderSettled event)
///         are the very same code as `settleBatch`'s; only the Groth16 proof over a batch
///         commitment is replaced by one `ecrecover` per lease.
/// @dev The voucher digest is keccak256(abi.encode(orderId, seq, amount)), mirroring the EdDSA
///      voucher's MiMC(orderId, seq, amount); the order id already binds chain and contract.
///      Signatures are EIP-2098 compact (r, yParityAndS), the cheapest standard calldata form,
///      so the baseline is measured at its best.
contract EcdsaBaseline is Marketplace {
    /// @notice A voucher was not signed by the order's client.
    error BadVoucher(bytes32 orderId);

    constructor(uint256 batchSize_, ISettlementVerifier verifier_, uint64 settleWindow_, uint256 minCollateral_)
        Marketplace(batchSize_, verifier_, settleWindow_, minCollateral_)
    {}

    /// @notice Settles any number of the caller's leases, each with its client's signed voucher.
    function settleSigned(
        bytes32[] calldata orderIds,
        uint256[] calldata amounts,
        uint64[] calldata seqs,
        bytes32[] calldata r,
        bytes32[] calldata vs
    ) external {
        uint256 n = orderIds.length;
        if (n == 0 || amounts.length != n || seqs.length != n || r.length != n || vs.length != n) {
            revert BadBatch(n, amounts.length, n);
        }
        for (uint256 i = 0; i < n; ++i) {
            bytes32 id = orderIds[i];
            address signer = ECDSA.recover(voucherDigest(id, seqs[i], amounts[i]), r[i], vs[i]);
            if (signer != _provider(id).client) revert BadVoucher(id);
            _settle(id, amounts[i]);
        }
        emit BatchSettled(msg.sender, n, 0);
    }

    /// @notice The digest a client signs for voucher (orderId, seq, amount).
    function voucherDigest(bytes32 orderId, uint64 seq, uint256 amount) public pure returns (bytes32) {
        return keccak256(abi.encode(orderId, seq, amount));
    }
}
