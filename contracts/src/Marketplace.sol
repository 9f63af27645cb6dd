// SPDX-License-Identifier: UNLICENSED
pragma solidity ^0.8.24;

import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @notice The Groth16 verifier gnark exports for the settlement circuit. It reverts on a bad proof.
interface ISettlementVerifier {
    function verifyProof(bytes calldata proof, uint256[1] calldata input) external view;
}

/// @title Shale marketplace
/// @notice Storage providers (SPs) register, clients escrow native FIL for container leases,
///         SPs accept with collateral and settle many leases at once with one Groth16 proof.
/// @dev Money is native FIL in attoFIL. Every payout is credited to `balances` and pulled with
///      `withdraw()`; no function other than `withdraw` sends value.
///
///      Order states and transitions. Any other call reverts with `WrongState` (settling an
///      order twice with `AlreadySettled`); the wrong caller gets `NotClient` / `NotProvider`.
///
///        None ──createOrder──▶ Created ──cancelOrder──▶ Cancelled
///                                 │   └────rejectOrder──▶ Cancelled
///                                 │
///                            acceptOrder
///                                 ▼
///                             Accepted ──startLease──▶ Running
///                                 │                       │
///                                 └──────terminate────────┴──▶ Terminated
///
///        Accepted | Running | Terminated ──settleBatch──▶ Settled
///        Accepted | Running | Terminated ──release──────▶ Settled   (nothing owed, no proof)
///        Accepted | Running | Terminated ──reclaim──────▶ Reclaimed
///
///        transition    caller     condition                     effect (payouts credited to `balances`)
///        createOrder   client     msg.value == escrow           escrow held
///        cancelOrder   client                                   escrow → client
///        rejectOrder   provider   reason ≤ MAX_REASON_BYTES     escrow → client (reason in the event)
///        acceptOrder   provider   msg.value >= minCollateral    collateral held
///        startLease    provider                                 endTime = now + duration
///        terminate     client                                   endTime = min(endTime, now)
///        settleBatch   provider   now <= deadline, valid proof  paid + collateral → provider,
///                                                               escrow − paid → client,
///                                                               paid = min(amount, cap) (see below)
///        release       provider   now <= deadline,              collateral → provider, escrow → client
///                                 reason ≤ MAX_REASON_BYTES     (reason in the event)
///        reclaim       client     now > deadline                escrow + collateral → client
///        rate          client     Settled | Reclaimed, once     (no state change)
///
///      deadline = endTime + settleWindow; endTime is acceptance + duration until the lease
///      starts, start + duration once it runs, the termination time if the client ends it.
///
///      Fair termination: a provider is never paid for time the lease did not run. Settlement
///      pays min(amount, cap), cap = ceilDiv(priceAmount × (end − startedAt), pricePeriod), where
///      end = min(endTime, now): the termination time of a terminated lease, the time of
///      settlement for a running one. A lease that never started has cap 0. The voucher's amount
///      is what the client signed, up to its prepay ahead of the time used; the contract, not the
///      provider's goodwill, keeps the unused prepaid part for the client.
contract Marketplace is ReentrancyGuard {
    using SafeCast for uint256;

    /// @notice Lifecycle of an order; see the contract documentation for the transitions.
    enum State {
        None,
        Created,
        Cancelled,
        Accepted,
        Running,
        Terminated,
        Settled,
        Reclaimed
    }

    /// @notice A registered storage provider.
    struct Provider {
        string minerId;
        string endpoint;
        bytes32 hostKeyFingerprint;
        string metadata;
        uint64 registeredAt;
        uint64 ratingSum;
        uint64 ratingCount;
    }

    /// @notice An order and, once accepted, its lease. Amounts fit 128 bits (FIL supply < 2^91).
    struct Order {
        address client;
        State state;
        bool rated;
        uint64 pricePeriod;
        address provider;
        uint64 duration;
        uint128 priceAmount;
        uint128 escrow;
        uint128 collateral;
        uint128 paid;
        uint64 acceptedAt;
        uint64 startedAt;
        uint64 endTime;
        bytes32 paymentKey;
        bytes32 specHash;
        uint256 nonce;
    }

    /// @notice Settlement batch size the verifier's circuit was built for.
    uint256 public immutable batchSize;
    /// @notice Groth16 verifier of the settlement circuit.
    ISettlementVerifier public immutable verifier;
    /// @notice Seconds after a lease's end during which its SP may settle; afterwards the client may reclaim.
    uint64 public immutable settleWindow;
    /// @notice Minimum collateral an SP posts when accepting an order, in attoFIL.
    uint256 public immutable minCollateral;
    /// @notice Longest reason, in bytes, a provider may publish when it rejects or releases an
    ///         order: enough for a driver's error naming a CID and a block, short enough that
    ///         clients reading the events never fetch an unbounded string.
    uint256 public constant MAX_REASON_BYTES = 1024;

    /// @notice Providers by account.
    mapping(address => Provider) private _providers;
    /// @notice Provider account by keccak256 of its miner id.
    mapping(bytes32 => address) public providerByMinerHash;
    /// @notice Orders by id.
    mapping(bytes32 => Order) private _orders;
    /// @notice Withdrawable attoFIL per account.
    mapping(address => uint256) public balances;

    /// @notice A provider registered (None → registered).
    event ProviderRegistered(
        address indexed provider, string minerId, string endpoint, bytes32 hostKeyFingerprint, string metadata
    );
    /// @notice A provider changed its endpoint, host key or metadata.
    event ProviderUpdated(address indexed provider, string endpoint, bytes32 hostKeyFingerprint, string metadata);
    /// @notice A provider stores the dataset `cid`; indexers (and `shale sps`) read these.
    event DatasetAnnounced(address indexed provider, string cid);
    /// @notice A provider no longer stores `cid`.
    event DatasetRetracted(address indexed provider, string cid);
    /// @notice None → Created; carries everything the bridge needs to check and run the lease.
    event OrderCreated(
        bytes32 indexed orderId,
        address indexed client,
        address indexed provider,
        string minerId,
        uint256 nonce,
        bytes32 paymentKey,
        uint256 priceAmount,
        uint64 pricePeriod,
        uint64 duration,
        uint256 escrow,
        bytes32 specHash,
        bytes spec
    );
    /// @notice Created → Cancelled; `refund` credited to the client.
    event OrderCancelled(bytes32 indexed orderId, address indexed client, uint256 refund);
    /// @notice Created → Cancelled by the provider, which will not run it; `refund` credited to the client.
    event OrderRejected(bytes32 indexed orderId, address indexed provider, address indexed client, uint256 refund, string reason);
    /// @notice Created → Accepted with `collateral`; `endTime` bounds the wait for the start.
    event OrderAccepted(bytes32 indexed orderId, address indexed provider, uint256 collateral, uint64 endTime);
    /// @notice Accepted → Running at `endpoint` until `endTime`.
    event LeaseStarted(bytes32 indexed orderId, address indexed provider, string endpoint, uint64 startedAt, uint64 endTime);
    /// @notice Accepted | Running → Terminated by the client; the lease ended at `endTime`.
    event LeaseTerminated(bytes32 indexed orderId, address indexed client, uint64 endTime);
    /// @notice → Settled: `paid` (+ collateral) credited to the provider, `refund` to the client.
    ///         `paid` is the proven amount clamped to the lease's cost for the time it ran.
    event OrderSettled(
        bytes32 indexed orderId, address indexed provider, address indexed client, uint256 paid, uint256 refund
    );
    /// @notice → Settled with nothing owed: the whole escrow credited back to the client;
    ///         `reason` says why (e.g. the lease failed to start), empty when there is nothing to tell.
    event OrderReleased(
        bytes32 indexed orderId, address indexed provider, address indexed client, uint256 refund, string reason
    );
    /// @notice One proof settled `count` leases; `commitment` is the verifier's public input.
    event BatchSettled(address indexed provider, uint256 count, uint256 commitment);
    /// @notice → Reclaimed after the settle deadline; escrow + collateral (`amount`) credited to the client.
    event OrderReclaimed(bytes32 indexed orderId, address indexed client, uint256 amount);
    /// @notice The client of a settled or reclaimed order rated its provider.
    event ProviderRated(bytes32 indexed orderId, address indexed provider, address indexed client, uint8 score);
    /// @notice `amount` credited attoFIL sent to `account`.
    event Withdrawn(address indexed account, uint256 amount);

    error InvalidConfig();
    error InvalidRegistration();
    error AlreadyRegistered(address provider);
    error NotRegistered(address provider);
    error MinerIdTaken(string minerId);
    error UnknownProvider(string minerId);
    error ZeroOrderId();
    error OrderExists(bytes32 orderId);
    error UnknownOrder(bytes32 orderId);
    error InvalidTerms();
    error EscrowMismatch(uint256 expected, uint256 got);
    error WrongState(bytes32 orderId, State state);
    error NotClient(bytes32 orderId);
    error NotProvider(bytes32 orderId);
    error InsufficientCollateral(uint256 minimum, uint256 got);
    error BadBatch(uint256 length, uint256 amounts, uint256 batchSize);
    error EscrowExceeded(bytes32 orderId, uint256 amount, uint256 escrow);
    error AlreadySettled(bytes32 orderId);
    error DeadlinePassed(bytes32 orderId, uint256 deadline);
    error InvalidProof();
    error TooEarly(bytes32 orderId, uint256 deadline);
    error InvalidScore(uint8 score);
    error AlreadyRated(bytes32 orderId);
    error RatingUnpaid(bytes32 orderId, uint256 basis, uint256 minimum);
    error NothingToWithdraw();
    error ReasonTooLong(uint256 length, uint256 maxLength);

    /// @param batchSize_ K, the number of slots of the settlement circuit.
    /// @param verifier_ the circuit's Groth16 verifier contract.
    /// @param settleWindow_ seconds the SP has after a lease ends to settle it.
    /// @param minCollateral_ minimum collateral per accepted order, in attoFIL.
    constructor(uint256 batchSize_, ISettlementVerifier verifier_, uint64 settleWindow_, uint256 minCollateral_) {
        // A verifier without code would make every try/catch revert outside the catch clause.
        if (batchSize_ == 0 || address(verifier_).code.length == 0) revert InvalidConfig();
        batchSize = batchSize_;
        verifier = verifier_;
        settleWindow = settleWindow_;
        minCollateral = minCollateral_;
    }

    // ---------------------------------------------------------------- providers

    /// @notice Registers the caller as a provider for `minerId`.
    /// @dev The miner id is claimed first come, first served; binding it to the miner actor's
    ///      owner (FEVM MinerAPI) is left to the network deployment.
    /// @param minerId Filecoin miner id, e.g. "f01946720".
    /// @param endpoint SSH gateway endpoint, host:port.
    /// @param hostKeyFingerprint SHA-256 of the gateway's SSH host key (OpenSSH's SHA256 fingerprint).
    /// @param metadata free-form description (hardware, prices), typically JSON.
    function registerProvider(
        string calldata minerId,
        string calldata endpoint,
        bytes32 hostKeyFingerprint,
        string calldata metadata
    ) external {
        if (bytes(minerId).length == 0 || bytes(endpoint).length == 0) revert InvalidRegistration();
        Provider storage p = _providers[msg.sender];
        if (p.registeredAt != 0) revert AlreadyRegistered(msg.sender);
        bytes32 minerHash = keccak256(bytes(minerId));
        if (providerByMinerHash[minerHash] != address(0)) revert MinerIdTaken(minerId);

        providerByMinerHash[minerHash] = msg.sender;
        p.minerId = minerId;
        p.endpoint = endpoint;
        p.hostKeyFingerprint = hostKeyFingerprint;
        p.metadata = metadata;
        p.registeredAt = uint64(block.timestamp);
        emit ProviderRegistered(msg.sender, minerId, endpoint, hostKeyFingerprint, metadata);
    }

    /// @notice Updates the caller's endpoint, host-key fingerprint and metadata.
    function updateProvider(string calldata endpoint, bytes32 hostKeyFingerprint, string calldata metadata)
        external
    {
        Provider storage p = _registered(msg.sender);
        if (bytes(endpoint).length == 0) revert InvalidRegistration();
        p.endpoint = endpoint;
        p.hostKeyFingerprint = hostKeyFingerprint;
        p.metadata = metadata;
        emit ProviderUpdated(msg.sender, endpoint, hostKeyFingerprint, metadata);
    }

    /// @notice Announces datasets (CIDs) the caller stores; indexers read the events.
    function announceDatasets(string[] calldata cids) external {
        _registered(msg.sender);
        for (uint256 i = 0; i < cids.length; ++i) {
            emit DatasetAnnounced(msg.sender, cids[i]);
        }
    }

    /// @notice Retracts datasets the caller no longer stores.
    function retractDatasets(string[] calldata cids) external {
        _registered(msg.sender);
        for (uint256 i = 0; i < cids.length; ++i) {
            emit DatasetRetracted(msg.sender, cids[i]);
        }
    }

    /// @notice Returns a provider's record (registeredAt is 0 when unknown).
    function getProvider(address provider) external view returns (Provider memory) {
        return _providers[provider];
    }

    // ---------------------------------------------------------------- orders

    /// @notice Creates an order for `provider` and escrows floor(priceAmount × duration / pricePeriod).
    /// @dev The id is MiMC(chainID, contract, client, payment key, nonce), computed off chain; the
    ///      contract cannot afford MiMC, so it only rejects zero and taken ids and binds the order
    ///      to msg.sender. The SP rejects ids not derived from the client field.
    /// @param orderId client-computed order id.
    /// @param provider target miner id.
    /// @param nonce client nonce that went into the id.
    /// @param paymentKey compressed BN254 EdDSA public key that signs vouchers.
    /// @param priceAmount attoFIL per `pricePeriod`.
    /// @param pricePeriod seconds.
    /// @param duration lease length in seconds.
    /// @param spec canonical lease spec; only its hash is stored, the bytes go to the event.
    function createOrder(
        bytes32 orderId,
        string calldata provider,
        uint256 nonce,
        bytes32 paymentKey,
        uint256 priceAmount,
        uint64 pricePeriod,
        uint64 duration,
        bytes calldata spec
    ) external payable {
        if (orderId == bytes32(0)) revert ZeroOrderId();
        Order storage o = _orders[orderId];
        if (o.state != State.None) revert OrderExists(orderId);
        address sp = providerByMinerHash[keccak256(bytes(provider))];
        if (sp == address(0)) revert UnknownProvider(provider);
        if (priceAmount == 0 || pricePeriod == 0 || duration == 0) revert InvalidTerms();
        uint256 escrow = Math.mulDiv(priceAmount, duration, pricePeriod);
        if (escrow == 0) revert InvalidTerms();
        if (msg.value != escrow) revert EscrowMismatch(escrow, msg.value);

        bytes32 specHash = keccak256(spec);
        o.client = msg.sender;
        o.state = State.Created;
        o.pricePeriod = pricePeriod;
        o.provider = sp;
        o.duration = duration;
        o.priceAmount = priceAmount.toUint128();
        o.escrow = escrow.toUint128();
        o.paymentKey = paymentKey;
        o.specHash = specHash;
        o.nonce = nonce;
        emit OrderCreated(
            orderId,
            msg.sender,
            sp,
            provider,
            nonce,
            paymentKey,
            priceAmount,
            pricePeriod,
            duration,
            escrow,
            specHash,
            spec
        );
    }

    /// @notice Cancels an order its provider has not accepted; the whole escrow is credited back.
    function cancelOrder(bytes32 orderId) external {
        Order storage o = _client(orderId);
        if (o.state != State.Created) revert WrongState(orderId, o.state);
        o.state = State.Cancelled;
        uint256 refund = o.escrow;
        balances[msg.sender] += refund;
        emit OrderCancelled(orderId, msg.sender, refund);
    }

    /// @notice Declines an order targeted at the caller; the client gets the whole escrow back
    ///         at once instead of waiting to cancel, and learns why from `reason`.
    function rejectOrder(bytes32 orderId, string calldata reason) external {
        Order storage o = _provider(orderId);
        if (o.state != State.Created) revert WrongState(orderId, o.state);
        _checkReason(reason);
        o.state = State.Cancelled;
        uint256 refund = o.escrow;
        balances[o.client] += refund;
        emit OrderRejected(orderId, msg.sender, o.client, refund, reason);
    }

    /// @notice Accepts an order targeted at the caller, posting `msg.value` as collateral.
    function acceptOrder(bytes32 orderId) external payable {
        Order storage o = _provider(orderId);
        if (o.state != State.Created) revert WrongState(orderId, o.state);
        if (msg.value < minCollateral) revert InsufficientCollateral(minCollateral, msg.value);
        uint64 endTime = uint64(block.timestamp) + o.duration;
        o.state = State.Accepted;
        o.collateral = msg.value.toUint128();
        o.acceptedAt = uint64(block.timestamp);
        // Until the lease starts, the end bounds how long the client waits before it may reclaim.
        o.endTime = endTime;
        emit OrderAccepted(orderId, msg.sender, msg.value, endTime);
    }

    /// @notice Confirms the lease is running at `endpoint`; the lease lasts `duration` from now.
    function startLease(bytes32 orderId, string calldata endpoint) external {
        Order storage o = _provider(orderId);
        if (o.state != State.Accepted) revert WrongState(orderId, o.state);
        uint64 endTime = uint64(block.timestamp) + o.duration;
        o.state = State.Running;
        o.startedAt = uint64(block.timestamp);
        o.endTime = endTime;
        emit LeaseStarted(orderId, msg.sender, endpoint, uint64(block.timestamp), endTime);
    }

    /// @notice Ends an accepted or running lease now; the SP then has `settleWindow` to settle.
    function terminate(bytes32 orderId) external {
        Order storage o = _client(orderId);
        if (o.state != State.Accepted && o.state != State.Running) revert WrongState(orderId, o.state);
        uint64 endTime = o.endTime;
        if (block.timestamp < endTime) endTime = uint64(block.timestamp);
        o.state = State.Terminated;
        o.endTime = endTime;
        emit LeaseTerminated(orderId, msg.sender, endTime);
    }

    /// @notice Settles up to `batchSize` of the caller's leases with one proof: each SP is paid
    ///         `amounts[i]`, at most the lease's cost for the time it ran (see `earned`), its
    ///         client gets the rest of the escrow back, the collateral returns.
    /// @dev The public input is sha256 over K (orderId, amount) slots, 32 bytes big-endian each,
    ///      padded with zero slots, shifted right by 3 bits to fit the BN254 scalar field.
    /// @param orderIds the leases, all accepted by the caller; no zero ids.
    /// @param amounts attoFIL proven by each lease's final voucher, at most its escrow; the
    ///        proof binds these, the payout is clamped after it.
    /// @param proof Groth16 proof in the verifier's encoding.
    function settleBatch(bytes32[] calldata orderIds, uint256[] calldata amounts, bytes calldata proof) external {
        uint256 n = orderIds.length;
        uint256 k = batchSize;
        if (n == 0 || n > k || amounts.length != n) revert BadBatch(n, amounts.length, k);

        // Zero-initialised, so slots n..K-1 already hold the padding (id 0, amount 0).
        bytes memory packed = new bytes(k * 64);
        for (uint256 i = 0; i < n; ++i) {
            bytes32 id = orderIds[i];
            uint256 amount = amounts[i];
            _settle(id, amount);
            assembly ("memory-safe") {
                let slot := add(add(packed, 32), mul(i, 64))
                mstore(slot, id)
                mstore(add(slot, 32), amount)
            }
        }
        uint256 commitment = uint256(sha256(packed)) >> 3;
        // The verifier is a view function (STATICCALL), so calling it after the effects cannot
        // re-enter; a revert inside it undoes the whole batch.
        try verifier.verifyProof(proof, [commitment]) {}
        catch {
            revert InvalidProof();
        }
        emit BatchSettled(msg.sender, n, commitment);
    }

    /// @notice Settles one of the caller's leases for nothing: the client gets the whole escrow
    ///         back and the SP its collateral. Needs no proof, since it is the client's best
    ///         outcome; it lets an SP whose client never signed a voucher (terminated before
    ///         paying, never paid, or the lease failed to start) recover its collateral instead of
    ///         losing it to `reclaim`, and tells the client why in `reason`.
    function release(bytes32 orderId, string calldata reason) external {
        Order storage o = _provider(orderId);
        State s = o.state;
        if (s == State.Settled) revert AlreadySettled(orderId);
        if (s != State.Accepted && s != State.Running && s != State.Terminated) revert WrongState(orderId, s);
        uint256 deadline = uint256(o.endTime) + settleWindow;
        if (block.timestamp > deadline) revert DeadlinePassed(orderId, deadline);
        _checkReason(reason);
        o.state = State.Settled;
        uint256 refund = o.escrow;
        balances[msg.sender] += o.collateral;
        balances[o.client] += refund;
        emit OrderReleased(orderId, msg.sender, o.client, refund, reason);
    }

    /// @notice After the settle deadline of an unsettled lease, credits its client with the
    ///         escrow and the SP's collateral.
    function reclaim(bytes32 orderId) external {
        Order storage o = _client(orderId);
        State s = o.state;
        if (s != State.Accepted && s != State.Running && s != State.Terminated) revert WrongState(orderId, s);
        uint256 deadline = uint256(o.endTime) + settleWindow;
        if (block.timestamp <= deadline) revert TooEarly(orderId, deadline);
        o.state = State.Reclaimed;
        uint256 amount = uint256(o.escrow) + o.collateral;
        balances[msg.sender] += amount;
        emit OrderReclaimed(orderId, msg.sender, amount);
    }

    /// @notice Lease time, at the order's own price, a rating must be backed by.
    uint64 public constant MIN_RATED_SECONDS = 60;

    /// @notice Rates the provider of a settled (or reclaimed) order, once, 1 to 5. Only a
    /// lease that paid for at least MIN_RATED_SECONDS at its price counts (for a reclaimed
    /// order, whose provider never settled, the escrow it locked): a rating never costs nothing.
    function rate(bytes32 orderId, uint8 score) external {
        Order storage o = _client(orderId);
        if (score < 1 || score > 5) revert InvalidScore(score);
        if (o.state != State.Settled && o.state != State.Reclaimed) revert WrongState(orderId, o.state);
        if (o.rated) revert AlreadyRated(orderId);
        uint256 basis = o.state == State.Settled ? o.paid : o.escrow;
        uint256 minimum = Math.ceilDiv(uint256(o.priceAmount) * MIN_RATED_SECONDS, o.pricePeriod);
        if (basis == 0 || basis < minimum) revert RatingUnpaid(orderId, basis, minimum);
        o.rated = true;
        Provider storage p = _providers[o.provider];
        p.ratingSum += score;
        p.ratingCount += 1;
        emit ProviderRated(orderId, o.provider, msg.sender, score);
    }

    /// @notice Returns an order (state None when unknown).
    function getOrder(bytes32 orderId) external view returns (Order memory) {
        return _orders[orderId];
    }

    /// @notice The most settling `orderId` now would pay its provider: the lease's cost for the
    ///         time it ran, ceilDiv(priceAmount × (min(endTime, now) − startedAt), pricePeriod),
    ///         0 if it never started, and never more than the escrow.
    function earned(bytes32 orderId) external view returns (uint256) {
        Order storage o = _order(orderId);
        uint256 cap = _cap(o.priceAmount, o.pricePeriod, o.startedAt, o.endTime);
        uint256 escrow = o.escrow;
        return cap < escrow ? cap : escrow;
    }

    // ---------------------------------------------------------------- payments

    /// @notice Sends the caller everything credited to it.
    function withdraw() external nonReentrant {
        uint256 amount = balances[msg.sender];
        if (amount == 0) revert NothingToWithdraw();
        balances[msg.sender] = 0;
        emit Withdrawn(msg.sender, amount);
        Address.sendValue(payable(msg.sender), amount);
    }

    // ---------------------------------------------------------------- internal

    /// @dev Settles one of the caller's leases for `amount` (checks, then effects; no
    ///      interactions). Zero ids are unknown orders, so an explicit padding slot is refused;
    ///      an id repeated in one batch finds its first copy Settled and is refused too.
    ///      An amount above the escrow is the provider's error and reverts; an amount above the
    ///      time actually run is what an early terminate leaves signed, so it is clamped, not
    ///      refused. The order's fields are read into locals once: every lease of a batch pays
    ///      this, so an extra storage read is K extra reads per proof.
    function _settle(bytes32 id, uint256 amount) internal {
        Order storage o = _provider(id);
        State s = o.state;
        if (s == State.Settled) revert AlreadySettled(id);
        if (s != State.Accepted && s != State.Running && s != State.Terminated) revert WrongState(id, s);
        uint64 endTime = o.endTime;
        uint64 startedAt = o.startedAt;
        uint256 deadline = uint256(endTime) + settleWindow;
        if (block.timestamp > deadline) revert DeadlinePassed(id, deadline);
        uint256 escrow = o.escrow;
        if (amount > escrow) revert EscrowExceeded(id, amount, escrow);
        uint256 cap = _cap(o.priceAmount, o.pricePeriod, startedAt, endTime);
        uint256 paid = amount < cap ? amount : cap;

        o.state = State.Settled;
        o.paid = uint128(paid);
        address client = o.client;
        balances[msg.sender] += paid + o.collateral;
        balances[client] += escrow - paid;
        emit OrderSettled(id, msg.sender, client, paid, escrow - paid);
    }

    /// @dev The lease's cost for the time it ran up to now, rounded up so the final voucher of
    ///      a lease that ran its whole duration (floor of the same product) is always within it.
    ///      No overflow: priceAmount < 2^128 and the elapsed time < 2^64.
    function _cap(uint256 priceAmount, uint64 pricePeriod, uint64 startedAt, uint64 endTime)
        private
        view
        returns (uint256)
    {
        if (startedAt == 0) return 0;
        uint256 end = endTime;
        if (block.timestamp < end) end = block.timestamp;
        return Math.ceilDiv(priceAmount * (end - startedAt), pricePeriod);
    }

    function _checkReason(string calldata reason) private pure {
        if (bytes(reason).length > MAX_REASON_BYTES) revert ReasonTooLong(bytes(reason).length, MAX_REASON_BYTES);
    }

    function _registered(address provider) private view returns (Provider storage p) {
        p = _providers[provider];
        if (p.registeredAt == 0) revert NotRegistered(provider);
    }

    function _order(bytes32 orderId) internal view returns (Order storage o) {
        o = _orders[orderId];
        if (o.state == State.None) revert UnknownOrder(orderId);
    }

    function _client(bytes32 orderId) private view returns (Order storage o) {
        o = _order(orderId);
        if (o.client != msg.sender) revert NotClient(orderId);
    }

    function _provider(bytes32 orderId) internal view returns (Order storage o) {
        o = _order(orderId);
        if (o.provider != msg.sender) revert NotProvider(orderId);
    }
}
