// SPDX-License-Identifier: UNLICENSED
pragma solidity ^0.8.24;

/// @title Test-only stand-in for the gnark settlement verifier
/// @notice Accepts or rejects on command so the marketplace tests can run before (and
///         independently of) the real circuit. Never deploy it anywhere but a test chain.
contract MockVerifier {
    error Rejected();
    error UnexpectedInput(uint256 want, uint256 got);

    /// @notice Whether verifyProof accepts.
    bool public accept = true;
    /// @notice When non-zero, verifyProof also requires this public input, which lets tests
    ///         check the commitment the marketplace computes.
    uint256 public expectedInput;

    /// @notice Makes verifyProof accept (true) or revert (false).
    function setAccept(bool accept_) external {
        accept = accept_;
    }

    /// @notice Requires the next proofs' public input to equal `input` (0: any input).
    function expectInput(uint256 input) external {
        expectedInput = input;
    }

    /// @notice Same signature as gnark's exported verifier; reverts to reject.
    function verifyProof(bytes calldata, uint256[1] calldata input) external view {
        if (!accept) revert Rejected();
        if (expectedInput != 0 && input[0] != expectedInput) revert UnexpectedInput(expectedInput, input[0]);
    }
}
