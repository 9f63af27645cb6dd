// SPDX-License-Identifier: UNLICENSED
pragma solidity ^0.8.24;

/// @title Naive settlement baseline for the gas report (test only)
/// @notice Checks one ECDSA-signed voucher per lease on chain, the cost a batched Groth16
///         proof replaces. Only the signature checks are measured; bookkeeping is the same
///         in both designs.
contract EcdsaBaseline {
    error BadSignature(uint256 index);

    /// @notice Number of vouchers checked so far (a write, so calls are real transactions).
    uint256 public checked;

    /// @notice Verifies that `signer` signed every digest.
    function verify(
        bytes32[] calldata digests,
        uint8[] calldata v,
        bytes32[] calldata r,
        bytes32[] calldata s,
        address signer
    ) external {
        for (uint256 i = 0; i < digests.length; ++i) {
            if (ecrecover(digests[i], v[i], r[i], s[i]) != signer) revert BadSignature(i);
        }
        checked += digests.length;
    }
}
