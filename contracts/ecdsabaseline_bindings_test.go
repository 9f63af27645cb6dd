// Code generated - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package contracts_test

import (
	"context"
	"errors"
	"math/big"
	"strings"
	"time"

	ethereum "github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/event"
)

// Reference imports to suppress errors if they are not otherwise used.
var (
	_ = errors.New
	_ = big.NewInt
	_ = strings.NewReader
	_ = ethereum.NotFound
	_ = bind.Bind
	_ = common.Big1
	_ = types.BloomLookup
	_ = event.NewSubscription
	_ = abi.ConvertType
	_ = time.Tick
	_ = context.Background
)

// MarketplaceOrder is an auto generated low-level Go binding around an user-defined struct.
type MarketplaceOrder struct {
	Client      common.Address
	State       uint8
	Rated       bool
	PricePeriod uint64
	Provider    common.Address
	Duration    uint64
	PriceAmount *big.Int
	Escrow      *big.Int
	Collateral  *big.Int
	Paid        *big.Int
	AcceptedAt  uint64
	StartedAt   uint64
	EndTime     uint64
	PaymentKey  [32]byte
	SpecHash    [32]byte
	Nonce       *big.Int
}

// MarketplaceProvider is an auto generated low-level Go binding around an user-defined struct.
type MarketplaceProvider struct {
	MinerId            string
	Endpoint           string
	HostKeyFingerprint [32]byte
	Metadata           string
	RegisteredAt       uint64
	RatingSum          uint64
	RatingCount        uint64
}

// EcdsaBaselineMetaData contains all meta data concerning the EcdsaBaseline contract.
var EcdsaBaselineMetaData = &bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"batchSize_\",\"type\":\"uint256\"},{\"internalType\":\"contractISettlementVerifier\",\"name\":\"verifier_\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"settleWindow_\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"minCollateral_\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"}],\"name\":\"AlreadyRated\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"}],\"name\":\"AlreadyRegistered\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"}],\"name\":\"AlreadySettled\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"length\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amounts\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"batchSize\",\"type\":\"uint256\"}],\"name\":\"BadBatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"}],\"name\":\"BadVoucher\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"deadline\",\"type\":\"uint256\"}],\"name\":\"DeadlinePassed\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ECDSAInvalidSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"length\",\"type\":\"uint256\"}],\"name\":\"ECDSAInvalidSignatureLength\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"s\",\"type\":\"bytes32\"}],\"name\":\"ECDSAInvalidSignatureS\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"escrow\",\"type\":\"uint256\"}],\"name\":\"EscrowExceeded\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"expected\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"got\",\"type\":\"uint256\"}],\"name\":\"EscrowMismatch\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"FailedCall\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"balance\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"needed\",\"type\":\"uint256\"}],\"name\":\"InsufficientBalance\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"minimum\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"got\",\"type\":\"uint256\"}],\"name\":\"InsufficientCollateral\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidConfig\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidProof\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidRegistration\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint8\",\"name\":\"score\",\"type\":\"uint8\"}],\"name\":\"InvalidScore\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidTerms\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"minerId\",\"type\":\"string\"}],\"name\":\"MinerIdTaken\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"}],\"name\":\"NotClient\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"}],\"name\":\"NotProvider\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"}],\"name\":\"NotRegistered\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"NothingToWithdraw\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"}],\"name\":\"OrderExists\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"basis\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"minimum\",\"type\":\"uint256\"}],\"name\":\"RatingUnpaid\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"length\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"maxLength\",\"type\":\"uint256\"}],\"name\":\"ReasonTooLong\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ReentrancyGuardReentrantCall\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint8\",\"name\":\"bits\",\"type\":\"uint8\"},{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"SafeCastOverflowedUintDowncast\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"deadline\",\"type\":\"uint256\"}],\"name\":\"TooEarly\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"}],\"name\":\"UnknownOrder\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"minerId\",\"type\":\"string\"}],\"name\":\"UnknownProvider\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"},{\"internalType\":\"enumMarketplace.State\",\"name\":\"state\",\"type\":\"uint8\"}],\"name\":\"WrongState\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroOrderId\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"count\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"commitment\",\"type\":\"uint256\"}],\"name\":\"BatchSettled\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"string\",\"name\":\"cid\",\"type\":\"string\"}],\"name\":\"DatasetAnnounced\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"string\",\"name\":\"cid\",\"type\":\"string\"}],\"name\":\"DatasetRetracted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"string\",\"name\":\"endpoint\",\"type\":\"string\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"startedAt\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"endTime\",\"type\":\"uint64\"}],\"name\":\"LeaseStarted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"client\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"endTime\",\"type\":\"uint64\"}],\"name\":\"LeaseTerminated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"collateral\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"endTime\",\"type\":\"uint64\"}],\"name\":\"OrderAccepted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"client\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"refund\",\"type\":\"uint256\"}],\"name\":\"OrderCancelled\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"client\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"string\",\"name\":\"minerId\",\"type\":\"string\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"paymentKey\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"priceAmount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"pricePeriod\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"duration\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"escrow\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes\",\"name\":\"spec\",\"type\":\"bytes\"}],\"name\":\"OrderCreated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"client\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"OrderReclaimed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"client\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"refund\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"string\",\"name\":\"reason\",\"type\":\"string\"}],\"name\":\"OrderRejected\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"client\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"refund\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"string\",\"name\":\"reason\",\"type\":\"string\"}],\"name\":\"OrderReleased\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"client\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"paid\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"refund\",\"type\":\"uint256\"}],\"name\":\"OrderSettled\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"client\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint8\",\"name\":\"score\",\"type\":\"uint8\"}],\"name\":\"ProviderRated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"string\",\"name\":\"minerId\",\"type\":\"string\"},{\"indexed\":false,\"internalType\":\"string\",\"name\":\"endpoint\",\"type\":\"string\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"hostKeyFingerprint\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"string\",\"name\":\"metadata\",\"type\":\"string\"}],\"name\":\"ProviderRegistered\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"string\",\"name\":\"endpoint\",\"type\":\"string\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"hostKeyFingerprint\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"string\",\"name\":\"metadata\",\"type\":\"string\"}],\"name\":\"ProviderUpdated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Withdrawn\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"MAX_REASON_BYTES\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MIN_RATED_SECONDS\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"}],\"name\":\"acceptOrder\",\"outputs\":[],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"string[]\",\"name\":\"cids\",\"type\":\"string[]\"}],\"name\":\"announceDatasets\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"name\":\"balances\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"batchSize\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"}],\"name\":\"cancelOrder\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"},{\"internalType\":\"string\",\"name\":\"provider\",\"type\":\"string\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"paymentKey\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"priceAmount\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"pricePeriod\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"duration\",\"type\":\"uint64\"},{\"internalType\":\"bytes\",\"name\":\"spec\",\"type\":\"bytes\"}],\"name\":\"createOrder\",\"outputs\":[],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"}],\"name\":\"earned\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"}],\"name\":\"getOrder\",\"outputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"client\",\"type\":\"address\"},{\"internalType\":\"enumMarketplace.State\",\"name\":\"state\",\"type\":\"uint8\"},{\"internalType\":\"bool\",\"name\":\"rated\",\"type\":\"bool\"},{\"internalType\":\"uint64\",\"name\":\"pricePeriod\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"duration\",\"type\":\"uint64\"},{\"internalType\":\"uint128\",\"name\":\"priceAmount\",\"type\":\"uint128\"},{\"internalType\":\"uint128\",\"name\":\"escrow\",\"type\":\"uint128\"},{\"internalType\":\"uint128\",\"name\":\"collateral\",\"type\":\"uint128\"},{\"internalType\":\"uint128\",\"name\":\"paid\",\"type\":\"uint128\"},{\"internalType\":\"uint64\",\"name\":\"acceptedAt\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"startedAt\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"endTime\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"paymentKey\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"}],\"internalType\":\"structMarketplace.Order\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"}],\"name\":\"getProvider\",\"outputs\":[{\"components\":[{\"internalType\":\"string\",\"name\":\"minerId\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"endpoint\",\"type\":\"string\"},{\"internalType\":\"bytes32\",\"name\":\"hostKeyFingerprint\",\"type\":\"bytes32\"},{\"internalType\":\"string\",\"name\":\"metadata\",\"type\":\"string\"},{\"internalType\":\"uint64\",\"name\":\"registeredAt\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"ratingSum\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"ratingCount\",\"type\":\"uint64\"}],\"internalType\":\"structMarketplace.Provider\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"minCollateral\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"name\":\"providerByMinerHash\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"},{\"internalType\":\"uint8\",\"name\":\"score\",\"type\":\"uint8\"}],\"name\":\"rate\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"}],\"name\":\"reclaim\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"minerId\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"endpoint\",\"type\":\"string\"},{\"internalType\":\"bytes32\",\"name\":\"hostKeyFingerprint\",\"type\":\"bytes32\"},{\"internalType\":\"string\",\"name\":\"metadata\",\"type\":\"string\"}],\"name\":\"registerProvider\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"},{\"internalType\":\"string\",\"name\":\"reason\",\"type\":\"string\"}],\"name\":\"rejectOrder\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"},{\"internalType\":\"string\",\"name\":\"reason\",\"type\":\"string\"}],\"name\":\"release\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"string[]\",\"name\":\"cids\",\"type\":\"string[]\"}],\"name\":\"retractDatasets\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32[]\",\"name\":\"orderIds\",\"type\":\"bytes32[]\"},{\"internalType\":\"uint256[]\",\"name\":\"amounts\",\"type\":\"uint256[]\"},{\"internalType\":\"bytes\",\"name\":\"proof\",\"type\":\"bytes\"}],\"name\":\"settleBatch\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32[]\",\"name\":\"orderIds\",\"type\":\"bytes32[]\"},{\"internalType\":\"uint256[]\",\"name\":\"amounts\",\"type\":\"uint256[]\"},{\"internalType\":\"uint64[]\",\"name\":\"seqs\",\"type\":\"uint64[]\"},{\"internalType\":\"bytes32[]\",\"name\":\"r\",\"type\":\"bytes32[]\"},{\"internalType\":\"bytes32[]\",\"name\":\"vs\",\"type\":\"bytes32[]\"}],\"name\":\"settleSigned\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"settleWindow\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"},{\"internalType\":\"string\",\"name\":\"endpoint\",\"type\":\"string\"}],\"name\":\"startLease\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"}],\"name\":\"terminate\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"endpoint\",\"type\":\"string\"},{\"internalType\":\"bytes32\",\"name\":\"hostKeyFingerprint\",\"type\":\"bytes32\"},{\"internalType\":\"string\",\"name\":\"metadata\",\"type\":\"string\"}],\"name\":\"updateProvider\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"verifier\",\"outputs\":[{\"internalType\":\"contractISettlementVerifier\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"seq\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"voucherDigest\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"withdraw\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	Bin: "0x6101003461010957601f612dcf38819003918201601f19168301916001600160401b0383118484101761010d5780849260809460405283398101031261010957805160208201516001600160a01b0381169291838203610109576040830151926001600160401b038416840361010957606001519360015f5581159081156100ff575b506100f05760805260a05260c05260e052604051612cad9081610122823960805181818161032d01526103c5015260a051818181610476015261202e015260c0518181816101b701528181611126015281816122e301526127c9015260e0518181816106d30152610a810152f35b6306b7c75960e31b5f5260045ffd5b90503b155f610082565b5f80fd5b634e487b7160e01b5f52604160045260245ffdfe60806040526004361015610011575f80fd5b5f5f3560e01c80631be25cef146123075780631c9963fa146122c457806327e235e3146122885780632a80b3b91461205d5780632b7ac3f314612019578063397e222c14611f995780633ccfd60b14611e925780633cefc40414611e765780634f4e00db14611dde57806355f21eb714611c8e5780635778472a14611a0e5780635922bba2146119dc57806362a34db0146119c157806367b0441d146116ce5780637489ec231461161e5780637a2d9612146115e857806387b1002a146115055780638d6f51a71461120657806396afb365146110c0578063acbd4fa714610bbc578063ad2f80e814610aa4578063ba2de9bc14610a6a578063bacca5271461081a578063dfc864081461069e578063e270b52c14610623578063f2eeb3f914610350578063f4daaba1146103155763fb3631f21461014e575f80fd5b346103125761015c366123ec565b909161016781612702565b9160ff835460a01c1660088110156102dd57600681146102fe57600381141586816102f1575b816102cc575b506102b057506101dd6001600160401b03600485015460801c166001600160401b037f00000000000000000000000000000000000000000000000000000000000000001690612481565b8042116102995750806102117f11b9530755649f60ddffaf1ddb38cb8e8bb5e79a3970ad431434bc90edd1d1219286612738565b600360a11b60ff60a01b19855416178455600284015460801c936001600160801b03600382015416338852600460205261025060408920918254612481565b905580546001600160a01b031687526004602052604087208054610275908790612481565b905560018060a01b03905416946102936040519283923397846124ae565b0390a480f35b63574d9c3960e01b86526004839052602452604485fd5b856102ca60449285632b3263b360e01b8452600452612473565bfd5b90506102dd5760058114155f610193565b634e487b7160e01b86526021600452602486fd5b505060048114158661018d565b6358cb522560e11b86526004839052602486fd5b80fd5b503461031257806003193601126103125760206040517f00000000000000000000000000000000000000000000000000000000000000008152f35b5034610582576060366003190112610582576004356001600160401b0381116105825761038190369060040161241f565b906024356001600160401b038111610582576103a190369060040161241f565b6044356001600160401b038111610582576103c09036906004016123bf565b9290937f0000000000000000000000000000000000000000000000000000000000000000918615801561061a575b8015610610575b6105f5578260061b92808404604014901517156105e15761042e61041884612691565b936104266040519586612564565b808552612691565b602084019490601f19013686375f5b8881106105a557505050506020915f91604051918291518091835e8101838152039060025afa1561059a575f5160405160039190911c927f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03169190602082016001600160401b0381118382101761058657604052848252823b156105825792906104e9604051948593632363e29760e21b855260406004860152604485019161248e565b905f602484015b60018210610568575050509181805f9403915afa9081610553575b5061051f576309bde33960e01b8352600483fd5b60405191825260208201527f0d6d85f3008924dae0b1a32d4282a496a9a01be312d238d9d229c8a0d401ffe360403392a280f35b6105609194505f90612564565b5f925f61050b565b8251815286945060209283019260019290920191016104f0565b5f80fd5b634e487b7160e01b5f52604160045260245ffd5b6040513d5f823e3d90fd5b806105b36001928b876124c8565b3560406105c18386886124c8565b35916105cd838261276a565b8360061b890190602082015201520161043d565b634e487b7160e01b5f52601160045260245ffd5b828488633cd53fd560e11b5f5260045260245260445260645ffd5b50868414156103f5565b508287116103ee565b34610582576020366003190112610582576020610641600435612afd565b61068160028201549160046001600160401b03825460b01c16910154906001600160401b03808360801c169260401c16906001600160801b038516612b36565b9060801c8082101561069757505b604051908152f35b905061068f565b6020366003190112610582576004356106b681612702565b9060ff825460a01c16600881101561080657600181036107eb57507f00000000000000000000000000000000000000000000000000000000000000008034106107d557506107986004926001600160401b0342166001600160401b0361072581600185015460a01c16836126e2565b835460ff60a01b1916600360a01b17845595869361074234612a9c565b6001600160801b036003830191166001600160801b03198254161790550191166001600160401b0319825416178155908154906001600160401b0360801b9060801b16906001600160401b0360801b1916179055565b6001600160401b03604051923484521660208301527f5087147a6f3ea3c12cce47868600b3b86e42d822051313b0f372d04446cc14e860403393a3005b632c1f8ef160e21b5f526004523460245260445ffd5b61080191632b3263b360e01b5f52600452612473565b60445ffd5b634e487b7160e01b5f52602160045260245ffd5b346105825760403660031901126105825760043560243560ff811680910361058257610845826129ad565b91600182108015610a60575b610a4d5782549260ff8460a01c16600881101580610806576006821491821580610a3f575b610a27575060ff8660a81c16610a145761080657156109ff576001600160801b03600382015460801c5b16936001600160801b03600283015416603c810290808204603c14901517156105e1576108da906001600160401b038360b01c1690612acd565b94801580156109f6575b6109da5750906001918260a81b9060ff60a81b19161781550160018060a01b038154165f526001602052600460405f200161095c61092f856001600160401b03845460401c166126e2565b82546fffffffffffffffff0000000000000000191660409190911b67ffffffffffffffff60401b16178255565b60016001600160401b03825460801c16016001600160401b0381116105e157815467ffffffffffffffff60801b191660809190911b67ffffffffffffffff60801b1617905560018060a01b03905416906040519283527f4b72568b639a1c93aab1aacf9bd1fb480021b2bbc5cdbcc3ade01f6b754667d460203394a4005b935050506324bcd71b60e21b5f5260045260245260445260645ffd5b508581106108e4565b6001600160801b03600282015460801c6108a0565b83637642802b60e11b5f5260045260245ffd5b632b3263b360e01b5f52600485905261080190612473565b505f91506007811415610876565b506306fae60560e11b5f5260045260245ffd5b5060058211610851565b34610582575f3660031901126105825760206040517f00000000000000000000000000000000000000000000000000000000000000008152f35b3461058257610ab2366123ec565b610abd839293612702565b9260ff845460a01c1660088110156108065760038103610ba45750906001600160401b036004610b907f377fdbe761718eb2abe2e1e4f25893576f73f700607d9ab57628d7810540dc3494610b7e84421698610b2286600183015460a01c168b6126e2565b815460ff60a01b1916600160a21b1782559401805460408b901b67ffffffffffffffff60401b1677ffffffffffffffffffffffffffffffff00000000000000001990911617608086901b67ffffffffffffffff60801b16179055565b6040519460608652606086019161248e565b9560208401521660408201528033940390a3005b632b3263b360e01b5f52600484905261080190612473565b34610582576080366003190112610582576004356001600160401b03811161058257610bec9036906004016123bf565b906024356001600160401b03811161058257610c0c9036906004016123bf565b9290604435906064356001600160401b03811161058257610c319036906004016123bf565b919095841580156110b8575b6110a957335f52600160205260405f2060048101906001600160401b0382541661109657610c6c36888a6126ac565b60208151910120805f52600260205260018060a01b0360405f20541661106f575f90815260026020526040902080546001600160a01b031916331790556001600160401b03871161058657610cc18154612585565b601f811161102a575b50865f601f8211600114610fc5575f91610fba575b508760011b905f198960031b1c19161781555b60018101906001600160401b03841161058657610d0f8254612585565b601f8111610f75575b505f9184601f8111600114610f0e576003935f91610f03575b505f1986851b1c1916600186901b1790555b866002820155016001600160401b03851161058657610d628154612585565b601f8111610ebe575b505f601f8611600114610e285792610e03927ff028af23cf45cc8d6770bcef29fe627ceda765793fc747dcfd6c66ebc1d3ab69999897959287610e1898965f91610e1d575b508660011b905f198860031b1c19161790555b805467ffffffffffffffff1916426001600160401b0316179055604051608080825290988998610df5928a019161248e565b91878303602089015261248e565b9160408501528382036060850152339661248e565b0390a2005b90508c01358d610db0565b89601f19871691835f5260205f20925f5b818110610ea4575092610e0395927ff028af23cf45cc8d6770bcef29fe627ceda765793fc747dcfd6c66ebc1d3ab699c9b9a9895928a610e189b999610610e8b575b505050600186811b019055610dc3565b01355f19600389901b60f8161c191690558c8c81610e7b565b9282013584556001909301928c9260209283019201610e39565b815f5260205f20601f870160051c81019160208810610ef9575b601f0160051c01905b818110610eee5750610d6b565b5f8155600101610ee1565b9091508190610ed8565b90508601358c610d31565b505f81815260208120909386601f1981165b808710610f57576003965010610f40575b5050600185811b019055610d43565b8701355f1987861b60f8161c191690558b80610f31565b89830135845560209687019660019094019390920191889150610f20565b825f5260205f20601f860160051c81019160208710610fb0575b601f0160051c01905b818110610fa55750610d18565b5f8155600101610f98565b9091508190610f8f565b90508801358a610cdf565b5f8381526020812092508990601f198216905b8c82821061101057505010610ff7575b5050600187811b018155610cf2565b8901355f1960038a901b60f8161c191690558980610fe8565b84013585556001909401936020938401938c935001610fd8565b815f5260205f20601f890160051c81019160208a10611065575b601f0160051c01905b81811061105a5750610cca565b5f815560010161104d565b9091508190611044565b604051630df0e4f760e31b81526020600482015280611092602482018b8d61248e565b0390fd5b6345ed80e960e01b5f523360045260245ffd5b635118d09560e01b5f5260045ffd5b508015610c3d565b34610582576020366003190112610582576004356110dd816129ad565b9060ff825460a01c1660088110158061080657600382141590816111f9575b816111e8575b506107eb575061114c6001600160401b03600484015460801c166001600160401b037f00000000000000000000000000000000000000000000000000000000000000001690612481565b91824211156111d257805460ff60a01b1916600760a01b178155600281015460039091015461118a916001600160801b03919091169060801c612481565b90335f52600460205260405f206111a2838254612481565b90556040519182527f2b05c71b41e57dce1a0e326dd8285f42daea0395bc43c2026a30ec5d2c160c1760203393a3005b5063d47800eb60e01b5f5260045260245260445ffd5b905061080657600581141584611102565b505060048114155f6110fc565b610100366003190112610582576004356024356001600160401b038111610582576112359036906004016123bf565b9160443591606435936084359360a4356001600160401b038116908181036105825760c4356001600160401b0381168082036105825760e4356001600160401b0381116105825761128a9036906004016123bf565b94909989156114f657895f52600360205260405f209b60ff8d5460a01c166008811015610806576114e3576112c0368a8c6126ac565b602081519101205f52600260205260018060a01b0360405f2054169c8d156114c057821580156114b8575b80156114b0575b6114a1576113018486856129fe565b9586156114a15786340361148a5791898f8f936007917f2b22d5e19f0b75b6000b01b4fc65bcc6404682715b1fe738bdb18675dd69686b9f9e9d9b999795966113528e9c9a986114859f36916126ac565b805160209190910120835467ffffffffffffffff60b01b1960ff60a01b1933166001600160a81b031990921691909117600160a01b171660b09c909c1b67ffffffffffffffff60b01b169b909b1783556001830180546001600160e01b0319166001600160a01b03939093169290921760a09190911b67ffffffffffffffff60a01b1617905561142a6113e486612a9c565b6001600160801b036002840191166001600160801b031982541617815561140a8a612a9c565b81546001600160801b031660809190911b6001600160801b031916179055565b83600582015588600682015501556114516040519b8c9b6101208d526101208d019161248e565b9760208b015260408a01526060890152608088015260a087015260c086015260e0850152838203610100850152339761248e565b0390a4005b8663aece60eb60e01b5f526004523460245260445ffd5b630256965f60e01b5f5260045ffd5b5084156112f2565b5083156112eb565b6040516374150a4b60e11b81526020600482015280611092602482018d8f61248e565b8a6351243ae360e01b5f5260045260245ffd5b63151bec8160e21b5f5260045ffd5b3461058257602036600319011261058257600435611522816129ad565b9060ff825460a01c166008811015610806576003811415806115dd575b6107eb5750600482016001600160401b03815460801c16928342106115cc575b805460ff60a01b1916600560a01b179055805467ffffffffffffffff60801b1916608084901b67ffffffffffffffff60801b161790556001600160401b03604051921682527f639bfed31ef8bc64234b1389cce6b65de66f031fcba8a794cff536598d7e770e60203393a3005b426001600160401b0316935061155f565b50600481141561153f565b34610582576060366003190112610582576024356001600160401b03811681036105825761068f6020916044359060043561265d565b346105825760203660031901126105825760043561163b816129ad565b60ff815460a01c16600881101561080657600181036116b65750600290600160a11b60ff60a01b19825416178155015460801c90335f52600460205260405f20611686838254612481565b90556040519182527fb2705df32ac67fc3101f496cd7036bf59074a603544d97d73650b6f09744986a60203393a3005b632b3263b360e01b5f52600483905261080190612473565b34610582576060366003190112610582576004356001600160401b038111610582576116fe9036906004016123bf565b90602435906044356001600160401b038111610582576117229036906004016123bf565b93909261172e3361296b565b9482156110a95760018601956001600160401b038411610586576117528754612585565b601f811161197c575b505f96601f8511600114611917578460039394959697985f9161190c575b505f1987851b1c1916600187901b1790555b836002820155016001600160401b038211610586576117aa8154612585565b601f81116118c7575b505f601f831160011461183c57917fd404a039955f9cc4fad5a21f105fc9589544a16bbc7ac78920fff84028ab7bad9594939181610e18945f91611831575b508260011b905f198460031b1c19161790555b61181c60405195869560608752606087019161248e565b9160208501528382036040850152339661248e565b9050880135896117f2565b601f19831690825f5260205f20915f5b8181106118af5750917fd404a039955f9cc4fad5a21f105fc9589544a16bbc7ac78920fff84028ab7bad979695939185610e18969410611896575b5050600182811b019055611805565b8901355f19600385901b60f8161c191690558880611887565b9192602060018192868d01358155019401920161184c565b815f5260205f20601f840160051c81019160208510611902575b601f0160051c01905b8181106118f757506117b3565b5f81556001016118ea565b90915081906118e1565b905087013589611779565b601f198516815f5260205f20905f5b81811061196457509886600395969798999a1061194d575b5050600186811b01905561178b565b8801355f1988861b60f8161c19169055888061193e565b888b0135835560209a8b019a60019093019201611926565b875f5260205f20601f860160051c810191602087106119b7575b601f0160051c01905b8181106119ac575061175b565b5f815560010161199f565b9091508190611996565b34610582575f366003190112610582576020604051603c8152f35b34610582576020366003190112610582576004355f526002602052602060018060a01b0360405f205416604051908152f35b34610582576020366003190112610582575f6101e0604051611a2f81612548565b8281528260208201528260408201528260608201528260808201528260a08201528260c08201528260e08201528261010082015282610120820152826101408201528261016082015282610180820152826101a0820152826101c082015201526004355f52600360205260405f20604051611aa981612548565b81546001600160a01b038116825291602082019060a084901c60ff166008811015610806578284939284939284935260408301968060a81c60ff1615158852606084019060b01c6001600160401b031681526001820154916080850198600160a01b6001900384168a5260a086019360a01c6001600160401b0316845260028201549460c08701916001600160801b038716835260e088019660801c875260038401546101008901966001600160801b03821688526101208a019160801c82526004860154976101408b01946001600160401b038a1686526101608c01978a60401c6001600160401b031689526101808d019a60801c6001600160401b03168b5260058101549c6101a0019c8d5260068101549d6101c0019d8e52600701549d6101e0019d8e526040519e8f90600160a01b600190039051169052519960088b1015610806576102009f8f916001600160801b039690876001600160401b039e9a8f8298819f96829e60e0988698859260208d015251151560408c0152511660608a015260018060a01b039051166080890152511660a0870152511660c0850152511691015251166101008d015251166101208b0152511661014089015251166101608701525116610180850152516101a0840152516101c0830152516101e0820152f35b34610582576020366003190112610582576004356001600160a01b03811690819003610582575f60c0604051611cc38161252d565b60608152606060208201528260408201526060808201528260808201528260a082015201525f52600160205261010060405f2060405190611d038261252d565b611d0c816125bd565b82526001600160401b03611d22600183016125bd565b60208401908152816002840154916040860192835281611dc46004611d49600389016125bd565b9760608a0198895201549460808901978387168952611dab60a08b0195858960401c1687528560c08d019960801c168952611d98604051809e819e60208352519160e06020820152019061244f565b90518c8203601f190160408e015261244f565b915160608b015251898203601f190160808b015261244f565b95511660a0870152511660c0850152511660e08301520390f35b34610582576020366003190112610582576004356001600160401b03811161058257611e0e90369060040161241f565b611e173361296b565b505f5b818110611e2357005b80611e6d7fa4411576a5b54af9d5bb2604e905bfc8eba4cd1081f5f93882111fb506b18d06611e5560019486886124ec565b9290604051918291602083523395602084019161248e565b0390a201611e1a565b34610582575f3660031901126105825760206040516104008152f35b34610582575f3660031901126105825760025f5414611f8a5760025f55335f52600460205260405f20548015611f7b57335f5260046020525f60408120556040518181527f7084f5476618d8e60b11ef0d7d3f06914655adb8793e28ff7f018d4c76d505d560203392a2804710611f65575f80808093335af13d15611f5d573d90611f1c82612691565b91611f2a6040519384612564565b82523d5f602084013e5b15611f3f5760015f55005b805115611f4e57602081519101fd5b63d6bda27560e01b5f5260045ffd5b606090611f34565b4763cf47918160e01b5f5260045260245260445ffd5b630686827b60e51b5f5260045ffd5b633ee5aeb560e01b5f5260045ffd5b34610582576020366003190112610582576004356001600160401b03811161058257611fc990369060040161241f565b611fd23361296b565b505f5b818110611fde57005b806120107f2342e2ad80b0e05e703c569cfcfae689b2fef456ffa2429b2e28af4b49d2464e611e5560019486886124ec565b0390a201611fd5565b34610582575f366003190112610582576040517f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03168152602090f35b346105825760a0366003190112610582576004356001600160401b0381116105825761208d90369060040161241f565b906024356001600160401b038111610582576120ad90369060040161241f565b6044929192356001600160401b038111610582576120cf90369060040161241f565b6064949194356001600160401b038111610582576120f190369060040161241f565b91906084356001600160401b0381116105825761211290369060040161241f565b928915801561227e575b8015612274575b801561226a575b8015612260575b612245575f5b8a8110612173578a6040519081525f60208201527f0d6d85f3008924dae0b1a32d4282a496a9a01be312d238d9d229c8a0d401ffe360403392a2005b61217e818c8b6124c8565b3561218a82848d6124c8565b356001600160401b0381168103610582576121e86121b86121f1926121b0868e8e6124c8565b35908561265d565b6121c3858b8a6124c8565b356121cf868b8a6124c8565b359160ff601b600180831b03851694821c011690612bf5565b90929192612b95565b6001600160a01b0361220283612702565b54166001600160a01b0390911603612233579061222d600192612226838c8c6124c8565b359061276a565b01612137565b631e195cdf60e11b5f5260045260245ffd5b8987633cd53fd560e11b5f528160045260245260445260645ffd5b5089841415612131565b508985141561212a565b5089811415612123565b508987141561211c565b34610582576020366003190112610582576004356001600160a01b03811690819003610582575f526004602052602060405f2054604051908152f35b34610582575f3660031901126105825760206040516001600160401b037f0000000000000000000000000000000000000000000000000000000000000000168152f35b3461058257612315366123ec565b909161232081612702565b9160ff835460a01c16600881101561080657600181036116b65750806123677f517981e7f72086402a449dc03ebee382bc209c4779c2f6f0c2fe773e6d1958049286612738565b600160a11b60ff60a01b19855416178455600284015460801c9360018060a01b038154165f52600460205260405f206123a1868254612481565b905560018060a01b03905416946114856040519283923397846124ae565b9181601f84011215610582578235916001600160401b038311610582576020838186019501011161058257565b9060406003198301126105825760043591602435906001600160401b0382116105825761241b916004016123bf565b9091565b9181601f84011215610582578235916001600160401b038311610582576020808501948460051b01011161058257565b805180835260209291819084018484015e5f828201840152601f01601f1916010190565b600881101561080657602452565b919082018092116105e157565b908060209392818452848401375f828201840152601f01601f1916010190565b6040906124c594928152816020820152019161248e565b90565b91908110156124d85760051b0190565b634e487b7160e01b5f52603260045260245ffd5b91908110156124d85760051b81013590601e19813603018212156105825701908135916001600160401b038311610582576020018236038113610582579190565b60e081019081106001600160401b0382111761058657604052565b61020081019081106001600160401b0382111761058657604052565b90601f801991011681019081106001600160401b0382111761058657604052565b90600182811c921680156125b3575b602083101461259f57565b634e487b7160e01b5f52602260045260245ffd5b91607f1691612594565b9060405191825f8254926125d084612585565b808452936001811690811561263b57506001146125f7575b506125f592500383612564565b565b90505f9291925260205f20905f915b81831061261f5750509060206125f5928201015f6125e8565b6020919350806001915483858901015201910190918492612606565b9050602092506125f594915060ff191682840152151560051b8201015f6125e8565b916001600160401b03604051926020840194855216604083015260608201526060815261268b608082612564565b51902090565b6001600160401b03811161058657601f01601f191660200190565b9291926126b882612691565b916126c66040519384612564565b829481845281830111610582578281602093845f960137010152565b906001600160401b03809116911601906001600160401b0382116105e157565b9061270c82612afd565b60018101549092906001600160a01b031633036127265750565b636489355760e11b5f5260045260245ffd5b5061040081116127455750565b631e421fbf60e01b5f5260045261040060245260445ffd5b919082039182116105e157565b9061277482612702565b9182549160ff8360a01c16600881101561080657600681146129585760038114155f8161294b575b8161293a575b506116b657506004840154926001600160401b038460801c16906127ef6001600160401b037f00000000000000000000000000000000000000000000000000000000000000001683612481565b804211612924575060028601548060801c9586851161290957916128cd9493916001600160801b036001600160401b03806128349660401c169360b01c169116612b36565b80821015612900575080935b855460ff60a01b198116600360a11b178755600390960180546001600160801b0316608084901b6001600160801b03191681179091556001600160a01b039096169561288c9083612481565b335f5260046020526128a360405f20918254612481565b90556128af828261275d565b865f5260046020526128c660405f20918254612481565b905561275d565b60405192835260208301527ff1a18174159cadee05d8373ddc133a93dfe6f9d290fead86fbeaf94888e9a25060403393a4565b90508093612840565b86858763d1a3cd3d60e01b5f5260045260245260445260645ffd5b8463574d9c3960e01b5f5260045260245260445ffd5b90506108065760058114155f6127a2565b505060048114155f61279c565b826358cb522560e11b5f5260045260245ffd5b6001600160a01b03165f8181526001602052604090206004810154909291906001600160401b03161561299b5750565b63bfc6c33760e01b5f5260045260245ffd5b906129b782612afd565b80549092906001600160a01b031633036129ce5750565b631584caa160e31b5f5260045260245ffd5b81156129ea570490565b634e487b7160e01b5f52601260045260245ffd5b90915f198383099280830292838086109503948086039514612a8f5784831115612a775790829109815f0382168092046002816003021880820260020302808202600203028082026002030280820260020302808202600203028091026002030293600183805f03040190848311900302920304170290565b82634e487b715f52156003026011186020526024601cfd5b5050906124c592506129e0565b6001600160801b038111612ab6576001600160801b031690565b6306dfcc6560e41b5f52608060045260245260445ffd5b908015612aeb57612ae36001915f1984016129e0565b019015150290565b634e487b715f5260126020526024601cfd5b90815f52600360205260405f209160ff835460a01c1660088110156108065715612b245750565b638b5566c560e01b5f5260045260245ffd5b909290916001600160401b03168015612b8d576001600160401b03612b629216804210612b865761275d565b908181029181830414901517156105e1576001600160401b036124c5921690612acd565b504261275d565b505050505f90565b60048110156108065780612ba7575050565b60018103612bbe5763f645eedf60e01b5f5260045ffd5b60028103612bd9575063fce698f760e01b5f5260045260245ffd5b600314612be35750565b6335e2f38360e21b5f5260045260245ffd5b91907f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a08411612c6c579160209360809260ff5f9560405194855216868401526040830152606082015282805260015afa1561059a575f516001600160a01b03811615612c6257905f905f90565b505f906001905f90565b5050505f916003919056fea2646970667358221220985187e34be33726d40fe8cf3f0affa4eeb47250b3cd0e2935244e6cde2ad21764736f6c634300081c0033",
}

// EcdsaBaselineABI is the input ABI used to generate the binding from.
// Deprecated: Use EcdsaBaselineMetaData.ABI instead.
var EcdsaBaselineABI = EcdsaBaselineMetaData.ABI

// EcdsaBaselineBin is the compiled bytecode used for deploying new contracts.
// Deprecated: Use EcdsaBaselineMetaData.Bin instead.
var EcdsaBaselineBin = EcdsaBaselineMetaData.Bin

// DeployEcdsaBaseline deploys a new Ethereum contract, binding an instance of EcdsaBaseline to it.
func DeployEcdsaBaseline(auth *bind.TransactOpts, backend bind.ContractBackend, batchSize_ *big.Int, verifier_ common.Address, settleWindow_ uint64, minCollateral_ *big.Int) (common.Address, *types.Transaction, *EcdsaBaseline, error) {
	parsed, err := EcdsaBaselineMetaData.GetAbi()
	if err != nil {
		return common.Address{}, nil, nil, err
	}
	if parsed == nil {
		return common.Address{}, nil, nil, errors.New("GetABI returned nil")
	}

	address, tx, contract, err := bind.DeployContract(auth, *parsed, common.FromHex(EcdsaBaselineBin), backend, batchSize_, verifier_, settleWindow_, minCollateral_)
	if err != nil {
		return common.Address{}, nil, nil, err
	}
	return address, tx, &EcdsaBaseline{EcdsaBaselineCaller: EcdsaBaselineCaller{contract: contract}, EcdsaBaselineTransactor: EcdsaBaselineTransactor{contract: contract}, EcdsaBaselineFilterer: EcdsaBaselineFilterer{contract: contract}}, nil
}

// EcdsaBaseline is an auto generated Go binding around an Ethereum contract.
type EcdsaBaseline struct {
	EcdsaBaselineCaller     // Read-only binding to the contract
	EcdsaBaselineTransactor // Write-only binding to the contract
	EcdsaBaselineFilterer   // Log filterer for contract events
}

// EcdsaBaselineCaller is an auto generated read-only Go binding around an Ethereum contract.
type EcdsaBaselineCaller struct {
	contract *bind.BoundContract // Generic contract wrapper for the low level calls
}

// EcdsaBaselineTransactor is an auto generated write-only Go binding around an Ethereum contract.
type EcdsaBaselineTransactor struct {
	contract *bind.BoundContract // Generic contract wrapper for the low level calls
}

// EcdsaBaselineFilterer is an auto generated log filtering Go binding around an Ethereum contract events.
type EcdsaBaselineFilterer struct {
	contract *bind.BoundContract // Generic contract wrapper for the low level calls
}

// EcdsaBaselineSession is an auto generated Go binding around an Ethereum contract,
// with pre-set call and transact options.
type EcdsaBaselineSession struct {
	Contract     *EcdsaBaseline    // Generic contract binding to set the session for
	CallOpts     bind.CallOpts     // Call options to use throughout this session
	TransactOpts bind.TransactOpts // Transaction auth options to use throughout this session
}

// EcdsaBaselineCallerSession is an auto generated read-only Go binding around an Ethereum contract,
// with pre-set call options.
type EcdsaBaselineCallerSession struct {
	Contract *EcdsaBaselineCaller // Generic contract caller binding to set the session for
	CallOpts bind.CallOpts        // Call options to use throughout this session
}

// EcdsaBaselineTransactorSession is an auto generated write-only Go binding around an Ethereum contract,
// with pre-set transact options.
type EcdsaBaselineTransactorSession struct {
	Contract     *EcdsaBaselineTransactor // Generic contract transactor binding to set the session for
	TransactOpts bind.TransactOpts        // Transaction auth options to use throughout this session
}

// EcdsaBaselineRaw is an auto generated low-level Go binding around an Ethereum contract.
type EcdsaBaselineRaw struct {
	Contract *EcdsaBaseline // Generic contract binding to access the raw methods on
}

// EcdsaBaselineCallerRaw is an auto generated low-level read-only Go binding around an Ethereum contract.
type EcdsaBaselineCallerRaw struct {
	Contract *EcdsaBaselineCaller // Generic read-only contract binding to access the raw methods on
}

// EcdsaBaselineTransactorRaw is an auto generated low-level write-only Go binding around an Ethereum contract.
type EcdsaBaselineTransactorRaw struct {
	Contract *EcdsaBaselineTransactor // Generic write-only contract binding to access the raw methods on
}

// NewEcdsaBaseline creates a new instance of EcdsaBaseline, bound to a specific deployed contract.
func NewEcdsaBaseline(address common.Address, backend bind.ContractBackend) (*EcdsaBaseline, error) {
	contract, err := bindEcdsaBaseline(address, backend, backend, backend)
	if err != nil {
		return nil, err
	}
	return &EcdsaBaseline{EcdsaBaselineCaller: EcdsaBaselineCaller{contract: contract}, EcdsaBaselineTransactor: EcdsaBaselineTransactor{contract: contract}, EcdsaBaselineFilterer: EcdsaBaselineFilterer{contract: contract}}, nil
}

// NewEcdsaBaselineCaller creates a new read-only instance of EcdsaBaseline, bound to a specific deployed contract.
func NewEcdsaBaselineCaller(address common.Address, caller bind.ContractCaller) (*EcdsaBaselineCaller, error) {
	contract, err := bindEcdsaBaseline(address, caller, nil, nil)
	if err != nil {
		return nil, err
	}
	return &EcdsaBaselineCaller{contract: contract}, nil
}

// NewEcdsaBaselineTransactor creates a new write-only instance of EcdsaBaseline, bound to a specific deployed contract.
func NewEcdsaBaselineTransactor(address common.Address, transactor bind.ContractTransactor) (*EcdsaBaselineTransactor, error) {
	contract, err := bindEcdsaBaseline(address, nil, transactor, nil)
	if err != nil {
		return nil, err
	}
	return &EcdsaBaselineTransactor{contract: contract}, nil
}

// NewEcdsaBaselineFilterer creates a new log filterer instance of EcdsaBaseline, bound to a specific deployed contract.
func NewEcdsaBaselineFilterer(address common.Address, filterer bind.ContractFilterer) (*EcdsaBaselineFilterer, error) {
	contract, err := bindEcdsaBaseline(address, nil, nil, filterer)
	if err != nil {
		return nil, err
	}
	return &EcdsaBaselineFilterer{contract: contract}, nil
}

// bindEcdsaBaseline binds a generic wrapper to an already deployed contract.
func bindEcdsaBaseline(address common.Address, caller bind.ContractCaller, transactor bind.ContractTransactor, filterer bind.ContractFilterer) (*bind.BoundContract, error) {
	parsed, err := EcdsaBaselineMetaData.GetAbi()
	if err != nil {
		return nil, err
	}
	return bind.NewBoundContract(address, *parsed, caller, transactor, filterer), nil
}

// Call invokes the (constant) contract method with params as input values and
// sets the output to result. The result type might be a single field for simple
// returns, a slice of interfaces for anonymous returns and a struct for named
// returns.
func (_EcdsaBaseline *EcdsaBaselineRaw) Call(opts *bind.CallOpts, result *[]interface{}, method string, params ...interface{}) error {
	return _EcdsaBaseline.Contract.EcdsaBaselineCaller.contract.Call(opts, result, method, params...)
}

// Transfer initiates a plain transaction to move funds to the contract, calling
// its default method if one is available.
func (_EcdsaBaseline *EcdsaBaselineRaw) Transfer(opts *bind.TransactOpts) (*types.Transaction, error) {
	return _EcdsaBaseline.Contract.EcdsaBaselineTransactor.contract.Transfer(opts)
}

// Transact invokes the (paid) contract method with params as input values.
func (_EcdsaBaseline *EcdsaBaselineRaw) Transact(opts *bind.TransactOpts, method string, params ...interface{}) (*types.Transaction, error) {
	return _EcdsaBaseline.Contract.EcdsaBaselineTransactor.contract.Transact(opts, method, params...)
}

// Call invokes the (constant) contract method with params as input values and
// sets the output to result. The result type might be a single field for simple
// returns, a slice of interfaces for anonymous returns and a struct for named
// returns.
func (_EcdsaBaseline *EcdsaBaselineCallerRaw) Call(opts *bind.CallOpts, result *[]interface{}, method string, params ...interface{}) error {
	return _EcdsaBaseline.Contract.contract.Call(opts, result, method, params...)
}

// Transfer initiates a plain transaction to move funds to the contract, calling
// its default method if one is available.
func (_EcdsaBaseline *EcdsaBaselineTransactorRaw) Transfer(opts *bind.TransactOpts) (*types.Transaction, error) {
	return _EcdsaBaseline.Contract.contract.Transfer(opts)
}

// Transact invokes the (paid) contract method with params as input values.
func (_EcdsaBaseline *EcdsaBaselineTransactorRaw) Transact(opts *bind.TransactOpts, method string, params ...interface{}) (*types.Transaction, error) {
	return _EcdsaBaseline.Contract.contract.Transact(opts, method, params...)
}

// MAXREASONBYTES is a free data retrieval call binding the contract method 0x3cefc404.
//
// Solidity: function MAX_REASON_BYTES() view returns(uint256)
func (_EcdsaBaseline *EcdsaBaselineCaller) MAXREASONBYTES(opts *bind.CallOpts) (*big.Int, error) {
	var out []interface{}
	err := _EcdsaBaseline.contract.Call(opts, &out, "MAX_REASON_BYTES")

	if err != nil {
		return *new(*big.Int), err
	}

	out0 := *abi.ConvertType(out[0], new(*big.Int)).(**big.Int)

	return out0, err

}

// MAXREASONBYTES is a free data retrieval call binding the contract method 0x3cefc404.
//
// Solidity: function MAX_REASON_BYTES() view returns(uint256)
func (_EcdsaBaseline *EcdsaBaselineSession) MAXREASONBYTES() (*big.Int, error) {
	return _EcdsaBaseline.Contract.MAXREASONBYTES(&_EcdsaBaseline.CallOpts)
}

// MAXREASONBYTES is a free data retrieval call binding the contract method 0x3cefc404.
//
// Solidity: function MAX_REASON_BYTES() view returns(uint256)
func (_EcdsaBaseline *EcdsaBaselineCallerSession) MAXREASONBYTES() (*big.Int, error) {
	return _EcdsaBaseline.Contract.MAXREASONBYTES(&_EcdsaBaseline.CallOpts)
}

// MINRATEDSECONDS is a free data retrieval call binding the contract method 0x62a34db0.
//
// Solidity: function MIN_RATED_SECONDS() view returns(uint64)
func (_EcdsaBaseline *EcdsaBaselineCaller) MINRATEDSECONDS(opts *bind.CallOpts) (uint64, error) {
	var out []interface{}
	err := _EcdsaBaseline.contract.Call(opts, &out, "MIN_RATED_SECONDS")

	if err != nil {
		return *new(uint64), err
	}

	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)

	return out0, err

}

// MINRATEDSECONDS is a free data retrieval call binding the contract method 0x62a34db0.
//
// Solidity: function MIN_RATED_SECONDS() view returns(uint64)
func (_EcdsaBaseline *EcdsaBaselineSession) MINRATEDSECONDS() (uint64, error) {
	return _EcdsaBaseline.Contract.MINRATEDSECONDS(&_EcdsaBaseline.CallOpts)
}

// MINRATEDSECONDS is a free data retrieval call binding the contract method 0x62a34db0.
//
// Solidity: function MIN_RATED_SECONDS() view returns(uint64)
func (_EcdsaBaseline *EcdsaBaselineCallerSession) MINRATEDSECONDS() (uint64, error) {
	return _EcdsaBaseline.Contract.MINRATEDSECONDS(&_EcdsaBaseline.CallOpts)
}

// Balances is a free data retrieval call binding the contract method 0x27e235e3.
//
// Solidity: function balances(address ) view returns(uint256)
func (_EcdsaBaseline *EcdsaBaselineCaller) Balances(opts *bind.CallOpts, arg0 common.Address) (*big.Int, error) {
	var out []interface{}
	err := _EcdsaBaseline.contract.Call(opts, &out, "balances", arg0)

	if err != nil {
		return *new(*big.Int), err
	}

	out0 := *abi.ConvertType(out[0], new(*big.Int)).(**big.Int)

	return out0, err

}

// Balances is a free data retrieval call binding the contract method 0x27e235e3.
//
// Solidity: function balances(address ) view returns(uint256)
func (_EcdsaBaseline *EcdsaBaselineSession) Balances(arg0 common.Address) (*big.Int, error) {
	return _EcdsaBaseline.Contract.Balances(&_EcdsaBaseline.CallOpts, arg0)
}

// Balances is a free data retrieval call binding the contract method 0x27e235e3.
//
// Solidity: function balances(address ) view returns(uint256)
func (_EcdsaBaseline *EcdsaBaselineCallerSession) Balances(arg0 common.Address) (*big.Int, error) {
	return _EcdsaBaseline.Contract.Balances(&_EcdsaBaseline.CallOpts, arg0)
}

// BatchSize is a free data retrieval call binding the contract method 0xf4daaba1.
//
// Solidity: function batchSize() view returns(uint256)
func (_EcdsaBaseline *EcdsaBaselineCaller) BatchSize(opts *bind.CallOpts) (*big.Int, error) {
	var out []interface{}
	err := _EcdsaBaseline.contract.Call(opts, &out, "batchSize")

	if err != nil {
		return *new(*big.Int), err
	}

	out0 := *abi.ConvertType(out[0], new(*big.Int)).(**big.Int)

	return out0, err

}

// BatchSize is a free data retrieval call binding the contract method 0xf4daaba1.
//
// Solidity: function batchSize() view returns(uint256)
func (_EcdsaBaseline *EcdsaBaselineSession) BatchSize() (*big.Int, error) {
	return _EcdsaBaseline.Contract.BatchSize(&_EcdsaBaseline.CallOpts)
}

// BatchSize is a free data retrieval call binding the contract method 0xf4daaba1.
//
// Solidity: function batchSize() view returns(uint256)
func (_EcdsaBaseline *EcdsaBaselineCallerSession) BatchSize() (*big.Int, error) {
	return _EcdsaBaseline.Contract.BatchSize(&_EcdsaBaseline.CallOpts)
}

// Earned is a free data retrieval call binding the contract method 0xe270b52c.
//
// Solidity: function earned(bytes32 orderId) view returns(uint256)
func (_EcdsaBaseline *EcdsaBaselineCaller) Earned(opts *bind.CallOpts, orderId [32]byte) (*big.Int, error) {
	var out []interface{}
	err := _EcdsaBaseline.contract.Call(opts, &out, "earned", orderId)

	if err != nil {
		return *new(*big.Int), err
	}

	out0 := *abi.ConvertType(out[0], new(*big.Int)).(**big.Int)

	return out0, err

}

// Earned is a free data retrieval call binding the contract method 0xe270b52c.
//
// Solidity: function earned(bytes32 orderId) view returns(uint256)
func (_EcdsaBaseline *EcdsaBaselineSession) Earned(orderId [32]byte) (*big.Int, error) {
	return _EcdsaBaseline.Contract.Earned(&_EcdsaBaseline.CallOpts, orderId)
}

// Earned is a free data retrieval call binding the contract method 0xe270b52c.
//
// Solidity: function earned(bytes32 orderId) view returns(uint256)
func (_EcdsaBaseline *EcdsaBaselineCallerSession) Earned(orderId [32]byte) (*big.Int, error) {
	return _EcdsaBaseline.Contract.Earned(&_EcdsaBaseline.CallOpts, orderId)
}

// GetOrder is a free data retrieval call binding the contract method 0x5778472a.
//
// Solidity: function getOrder(bytes32 orderId) view returns((address,uint8,bool,uint64,address,uint64,uint128,uint128,uint128,uint128,uint64,uint64,uint64,bytes32,bytes32,uint256))
func (_EcdsaBaseline *EcdsaBaselineCaller) GetOrder(opts *bind.CallOpts, orderId [32]byte) (MarketplaceOrder, error) {
	var out []interface{}
	err := _EcdsaBaseline.contract.Call(opts, &out, "getOrder", orderId)

	if err != nil {
		return *new(MarketplaceOrder), err
	}

	out0 := *abi.ConvertType(out[0], new(MarketplaceOrder)).(*MarketplaceOrder)

	return out0, err

}

// GetOrder is a free data retrieval call binding the contract method 0x5778472a.
//
// Solidity: function getOrder(bytes32 orderId) view returns((address,uint8,bool,uint64,address,uint64,uint128,uint128,uint128,uint128,uint64,uint64,uint64,bytes32,bytes32,uint256))
func (_EcdsaBaseline *EcdsaBaselineSession) GetOrder(orderId [32]byte) (MarketplaceOrder, error) {
	return _EcdsaBaseline.Contract.GetOrder(&_EcdsaBaseline.CallOpts, orderId)
}

// GetOrder is a free data retrieval call binding the contract method 0x5778472a.
//
// Solidity: function getOrder(bytes32 orderId) view returns((address,uint8,bool,uint64,address,uint64,uint128,uint128,uint128,uint128,uint64,uint64,uint64,bytes32,bytes32,uint256))
func (_EcdsaBaseline *EcdsaBaselineCallerSession) GetOrder(orderId [32]byte) (MarketplaceOrder, error) {
	return _EcdsaBaseline.Contract.GetOrder(&_EcdsaBaseline.CallOpts, orderId)
}

// GetProvider is a free data retrieval call binding the contract method 0x55f21eb7.
//
// Solidity: function getProvider(address provider) view returns((string,string,bytes32,string,uint64,uint64,uint64))
func (_EcdsaBaseline *EcdsaBaselineCaller) GetProvider(opts *bind.CallOpts, provider common.Address) (MarketplaceProvider, error) {
	var out []interface{}
	err := _EcdsaBaseline.contract.Call(opts, &out, "getProvider", provider)

	if err != nil {
		return *new(MarketplaceProvider), err
	}

	out0 := *abi.ConvertType(out[0], new(MarketplaceProvider)).(*MarketplaceProvider)

	return out0, err

}

// GetProvider is a free data retrieval call binding the contract method 0x55f21eb7.
//
// Solidity: function getProvider(address provider) view returns((string,string,bytes32,string,uint64,uint64,uint64))
func (_EcdsaBaseline *EcdsaBaselineSession) GetProvider(provider common.Address) (MarketplaceProvider, error) {
	return _EcdsaBaseline.Contract.GetProvider(&_EcdsaBaseline.CallOpts, provider)
}

// GetProvider is a free data retrieval call binding the contract method 0x55f21eb7.
//
// Solidity: function getProvider(address provider) view returns((string,string,bytes32,string,uint64,uint64,uint64))
func (_EcdsaBaseline *EcdsaBaselineCallerSession) GetProvider(provider common.Address) (MarketplaceProvider, error) {
	return _EcdsaBaseline.Contract.GetProvider(&_EcdsaBaseline.CallOpts, provider)
}

// MinCollateral is a free data retrieval call binding the contract method 0xba2de9bc.
//
// Solidity: function minCollateral() view returns(uint256)
func (_EcdsaBaseline *EcdsaBaselineCaller) MinCollateral(opts *bind.CallOpts) (*big.Int, error) {
	var out []interface{}
	err := _EcdsaBaseline.contract.Call(opts, &out, "minCollateral")

	if err != nil {
		return *new(*big.Int), err
	}

	out0 := *abi.ConvertType(out[0], new(*big.Int)).(**big.Int)

	return out0, err

}

// MinCollateral is a free data retrieval call binding the contract method 0xba2de9bc.
//
// Solidity: function minCollateral() view returns(uint256)
func (_EcdsaBaseline *EcdsaBaselineSession) MinCollateral() (*big.Int, error) {
	return _EcdsaBaseline.Contract.MinCollateral(&_EcdsaBaseline.CallOpts)
}

// MinCollateral is a free data retrieval call binding the contract method 0xba2de9bc.
//
// Solidity: function minCollateral() view returns(uint256)
func (_EcdsaBaseline *EcdsaBaselineCallerSession) MinCollateral() (*big.Int, error) {
	return _EcdsaBaseline.Contract.MinCollateral(&_EcdsaBaseline.CallOpts)
}

// ProviderByMinerHash is a free data retrieval call binding the contract method 0x5922bba2.
//
// Solidity: function providerByMinerHash(bytes32 ) view returns(address)
func (_EcdsaBaseline *EcdsaBaselineCaller) ProviderByMinerHash(opts *bind.CallOpts, arg0 [32]byte) (common.Address, error) {
	var out []interface{}
	err := _EcdsaBaseline.contract.Call(opts, &out, "providerByMinerHash", arg0)

	if err != nil {
		return *new(common.Address), err
	}

	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)

	return out0, err

}

// ProviderByMinerHash is a free data retrieval call binding the contract method 0x5922bba2.
//
// Solidity: function providerByMinerHash(bytes32 ) view returns(address)
func (_EcdsaBaseline *EcdsaBaselineSession) ProviderByMinerHash(arg0 [32]byte) (common.Address, error) {
	return _EcdsaBaseline.Contract.ProviderByMinerHash(&_EcdsaBaseline.CallOpts, arg0)
}

// ProviderByMinerHash is a free data retrieval call binding the contract method 0x5922bba2.
//
// Solidity: function providerByMinerHash(bytes32 ) view returns(address)
func (_EcdsaBaseline *EcdsaBaselineCallerSession) ProviderByMinerHash(arg0 [32]byte) (common.Address, error) {
	return _EcdsaBaseline.Contract.ProviderByMinerHash(&_EcdsaBaseline.CallOpts, arg0)
}

// SettleWindow is a free data retrieval call binding the contract method 0x1c9963fa.
//
// Solidity: function settleWindow() view returns(uint64)
func (_EcdsaBaseline *EcdsaBaselineCaller) SettleWindow(opts *bind.CallOpts) (uint64, error) {
	var out []interface{}
	err := _EcdsaBaseline.contract.Call(opts, &out, "settleWindow")

	if err != nil {
		return *new(uint64), err
	}

	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)

	return out0, err

}

// SettleWindow is a free data retrieval call binding the contract method 0x1c9963fa.
//
// Solidity: function settleWindow() view returns(uint64)
func (_EcdsaBaseline *EcdsaBaselineSession) SettleWindow() (uint64, error) {
	return _EcdsaBaseline.Contract.SettleWindow(&_EcdsaBaseline.CallOpts)
}

// SettleWindow is a free data retrieval call binding the contract method 0x1c9963fa.
//
// Solidity: function settleWindow() view returns(uint64)
func (_EcdsaBaseline *EcdsaBaselineCallerSession) SettleWindow() (uint64, error) {
	return _EcdsaBaseline.Contract.SettleWindow(&_EcdsaBaseline.CallOpts)
}

// Verifier is a free data retrieval call binding the contract method 0x2b7ac3f3.
//
// Solidity: function verifier() view returns(address)
func (_EcdsaBaseline *EcdsaBaselineCaller) Verifier(opts *bind.CallOpts) (common.Address, error) {
	var out []interface{}
	err := _EcdsaBaseline.contract.Call(opts, &out, "verifier")

	if err != nil {
		return *new(common.Address), err
	}

	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)

	return out0, err

}

// Verifier is a free data retrieval call binding the contract method 0x2b7ac3f3.
//
// Solidity: function verifier() view returns(address)
func (_EcdsaBaseline *EcdsaBaselineSession) Verifier() (common.Address, error) {
	return _EcdsaBaseline.Contract.Verifier(&_EcdsaBaseline.CallOpts)
}

// Verifier is a free data retrieval call binding the contract method 0x2b7ac3f3.
//
// Solidity: function verifier() view returns(address)
func (_EcdsaBaseline *EcdsaBaselineCallerSession) Verifier() (common.Address, error) {
	return _EcdsaBaseline.Contract.Verifier(&_EcdsaBaseline.CallOpts)
}

// VoucherDigest is a free data retrieval call binding the contract method 0x7a2d9612.
//
// Solidity: function voucherDigest(bytes32 orderId, uint64 seq, uint256 amount) pure returns(bytes32)
func (_EcdsaBaseline *EcdsaBaselineCaller) VoucherDigest(opts *bind.CallOpts, orderId [32]byte, seq uint64, amount *big.Int) ([32]byte, error) {
	var out []interface{}
	err := _EcdsaBaseline.contract.Call(opts, &out, "voucherDigest", orderId, seq, amount)

	if err != nil {
		return *new([32]byte), err
	}

	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)

	return out0, err

}

// VoucherDigest is a free data retrieval call binding the contract method 0x7a2d9612.
//
// Solidity: function voucherDigest(bytes32 orderId, uint64 seq, uint256 amount) pure returns(bytes32)
func (_EcdsaBaseline *EcdsaBaselineSession) VoucherDigest(orderId [32]byte, seq uint64, amount *big.Int) ([32]byte, error) {
	return _EcdsaBaseline.Contract.VoucherDigest(&_EcdsaBaseline.CallOpts, orderId, seq, amount)
}

// VoucherDigest is a free data retrieval call binding the contract method 0x7a2d9612.
//
// Solidity: function voucherDigest(bytes32 orderId, uint64 seq, uint256 amount) pure returns(bytes32)
func (_EcdsaBaseline *EcdsaBaselineCallerSession) VoucherDigest(orderId [32]byte, seq uint64, amount *big.Int) ([32]byte, error) {
	return _EcdsaBaseline.Contract.VoucherDigest(&_EcdsaBaseline.CallOpts, orderId, seq, amount)
}

// AcceptOrder is a paid mutator transaction binding the contract method 0xdfc86408.
//
// Solidity: function acceptOrder(bytes32 orderId) payable returns()
func (_EcdsaBaseline *EcdsaBaselineTransactor) AcceptOrder(opts *bind.TransactOpts, orderId [32]byte) (*types.Transaction, error) {
	return _EcdsaBaseline.contract.Transact(opts, "acceptOrder", orderId)
}

// AcceptOrder is a paid mutator transaction binding the contract method 0xdfc86408.
//
// Solidity: function acceptOrder(bytes32 orderId) payable returns()
func (_EcdsaBaseline *EcdsaBaselineSession) AcceptOrder(orderId [32]byte) (*types.Transaction, error) {
	return _EcdsaBaseline.Contract.AcceptOrder(&_EcdsaBaseline.TransactOpts, orderId)
}

// AcceptOrder is a paid mutator transaction binding the contract method 0xdfc86408.
//
// Solidity: function acceptOrder(bytes32 orderId) payable returns()
func (_EcdsaBaseline *EcdsaBaselineTransactorSession) AcceptOrder(orderId [32]byte) (*types.Transaction, error) {
	return _EcdsaBaseline.Contract.AcceptOrder(&_EcdsaBaseline.TransactOpts, orderId)
}

// AnnounceDatasets is a paid mutator transaction binding the contract method 0x4f4e00db.
//
// Solidity: function announceDatasets(string[] cids) returns()
func (_EcdsaBaseline *EcdsaBaselineTransactor) AnnounceDatasets(opts *bind.TransactOpts, cids []string) (*types.Transaction, error) {
	return _EcdsaBaseline.contract.Transact(opts, "announceDatasets", cids)
}

// AnnounceDatasets is a paid mutator transaction binding the contract method 0x4f4e00db.
//
// Solidity: function announceDatasets(string[] cids) returns()
func (_EcdsaBaseline *EcdsaBaselineSession) AnnounceDatasets(cids []string) (*types.Transaction, error) {
	return _EcdsaBaseline.Contract.AnnounceDatasets(&_EcdsaBaseline.TransactOpts, cids)
}

// AnnounceDatasets is a paid mutator transaction binding the contract method 0x4f4e00db.
//
// Solidity: function announceDatasets(string[] cids) returns()
func (_EcdsaBaseline *EcdsaBaselineTransactorSession) AnnounceDatasets(cids []string) (*types.Transaction, error) {
	return _EcdsaBaseline.Contract.AnnounceDatasets(&_EcdsaBaseline.TransactOpts, cids)
}

// CancelOrder is a paid mutator transaction binding the contract method 0x7489ec23.
//
// Solidity: function cancelOrder(bytes32 orderId) returns()
func (_EcdsaBaseline *EcdsaBaselineTransactor) CancelOrder(opts *bind.TransactOpts, orderId [32]byte) (*types.Transaction, error) {
	return _EcdsaBaseline.contract.Transact(opts, "cancelOrder", orderId)
}

// CancelOrder is a paid mutator transaction binding the contract method 0x7489ec23.
//
// Solidity: function cancelOrder(bytes32 orderId) returns()
func (_EcdsaBaseline *EcdsaBaselineSession) CancelOrder(orderId [32]byte) (*types.Transaction, error) {
	return _EcdsaBaseline.Contract.CancelOrder(&_EcdsaBaseline.TransactOpts, orderId)
}

// CancelOrder is a paid mutator transaction binding the contract method 0x7489ec23.
//
// Solidity: function cancelOrder(bytes32 orderId) returns()
func (_EcdsaBaseline *EcdsaBaselineTransactorSession) CancelOrder(orderId [32]byte) (*types.Transaction, error) {
	return _EcdsaBaseline.Contract.CancelOrder(&_EcdsaBaseline.TransactOpts, orderId)
}

// CreateOrder is a paid mutator transaction binding the contract method 0x8d6f51a7.
//
// Solidity: function createOrder(bytes32 orderId, string provider, uint256 nonce, bytes32 paymentKey, uint256 priceAmount, uint64 pricePeriod, uint64 duration, bytes spec) payable returns()
func (_EcdsaBaseline *EcdsaBaselineTransactor) CreateOrder(opts *bind.TransactOpts, orderId [32]byte, provider string, nonce *big.Int, paymentKey [32]byte, priceAmount *big.Int, pricePeriod uint64, duration uint64, spec []byte) (*types.Transaction, error) {
	return _EcdsaBaseline.contract.Transact(opts, "createOrder", orderId, provider, nonce, paymentKey, priceAmount, pricePeriod, duration, spec)
}

// CreateOrder is a paid mutator transaction binding the contract method 0x8d6f51a7.
//
// Solidity: function createOrder(bytes32 orderId, string provider, uint256 nonce, bytes32 paymentKey, uint256 priceAmount, uint64 pricePeriod, uint64 duration, bytes spec) payable returns()
func (_EcdsaBaseline *EcdsaBaselineSession) CreateOrder(orderId [32]byte, provider string, nonce *big.Int, paymentKey [32]byte, priceAmount *big.Int, pricePeriod uint64, duration uint64, spec []byte) (*types.Transaction, error) {
	return _EcdsaBaseline.Contract.CreateOrder(&_EcdsaBaseline.TransactOpts, orderId, provider, nonce, paymentKey, priceAmount, pricePeriod, duration, spec)
}

// CreateOrder is a paid mutator transaction binding the contract method 0x8d6f51a7.
//
// Solidity: function createOrder(bytes32 orderId, string provider, uint256 nonce, bytes32 paymentKey, uint256 priceAmount, uint64 pricePeriod, uint64 duration, bytes spec) payable returns()
func (_EcdsaBaseline *EcdsaBaselineTransactorSession) CreateOrder(orderId [32]byte, provider string, nonce *big.Int, paymentKey [32]byte, priceAmount *big.Int, pricePeriod uint64, duration uint64, spec []byte) (*types.Transaction, error) {
	return _EcdsaBaseline.Contract.CreateOrder(&_EcdsaBaseline.TransactOpts, orderId, provider, nonce, paymentKey, priceAmount, pricePeriod, duration, spec)
}

// Rate is a paid mutator transaction binding the contract method 0xbacca527.
//
// Solidity: function rate(bytes32 orderId, uint8 score) returns()
func (_EcdsaBaseline *EcdsaBaselineTransactor) Rate(opts *bind.TransactOpts, orderId [32]byte, score uint8) (*types.Transaction, error) {
	return _EcdsaBaseline.contract.Transact(opts, "rate", orderId, score)
}

// Rate is a paid mutator transaction binding the contract method 0xbacca527.
//
// Solidity: function rate(bytes32 orderId, uint8 score) returns()
func (_EcdsaBaseline *EcdsaBaselineSession) Rate(orderId [32]byte, score uint8) (*types.Transaction, error) {
	return _EcdsaBaseline.Contract.Rate(&_EcdsaBaseline.TransactOpts, orderId, score)
}

// Rate is a paid mutator transaction binding the contract method 0xbacca527.
//
// Solidity: function rate(bytes32 orderId, uint8 score) returns()
func (_EcdsaBaseline *EcdsaBaselineTransactorSession) Rate(orderId [32]byte, score uint8) (*types.Transaction, error) {
	return _EcdsaBaseline.Contract.Rate(&_EcdsaBaseline.TransactOpts, orderId, score)
}

// Reclaim is a paid mutator transaction binding the contract method 0x96afb365.
//
// Solidity: function reclaim(bytes32 orderId) returns()
func (_EcdsaBaseline *EcdsaBaselineTransactor) Reclaim(opts *bind.TransactOpts, orderId [32]byte) (*types.Transaction, error) {
	return _EcdsaBaseline.contract.Transact(opts, "reclaim", orderId)
}

// Reclaim is a paid mutator transaction binding the contract method 0x96afb365.
//
// Solidity: function reclaim(bytes32 orderId) returns()
func (_EcdsaBaseline *EcdsaBaselineSession) Reclaim(orderId [32]byte) (*types.Transaction, error) {
	return _EcdsaBaseline.Contract.Reclaim(&_EcdsaBaseline.TransactOpts, orderId)
}

// Reclaim is a paid mutator transaction binding the contract method 0x96afb365.
//
// Solidity: function reclaim(bytes32 orderId) returns()
func (_EcdsaBaseline *EcdsaBaselineTransactorSession) Reclaim(orderId [32]byte) (*types.Transaction, error) {
	return _EcdsaBaseline.Contract.Reclaim(&_EcdsaBaseline.TransactOpts, orderId)
}

// RegisterProvider is a paid mutator transaction binding the contract method 0xacbd4fa7.
//
// Solidity: function registerProvider(string minerId, string endpoint, bytes32 hostKeyFingerprint, string metadata) returns()
func (_EcdsaBaseline *EcdsaBaselineTransactor) RegisterProvider(opts *bind.TransactOpts, minerId string, endpoint string, hostKeyFingerprint [32]byte, metadata string) (*types.Transaction, error) {
	return _EcdsaBaseline.contract.Transact(opts, "registerProvider", minerId, endpoint, hostKeyFingerprint, metadata)
}

// RegisterProvider is a paid mutator transaction binding the contract method 0xacbd4fa7.
//
// Solidity: function registerProvider(string minerId, string endpoint, bytes32 hostKeyFingerprint, string metadata) returns()
func (_EcdsaBaseline *EcdsaBaselineSession) RegisterProvider(minerId string, endpoint string, hostKeyFingerprint [32]byte, metadata string) (*types.Transaction, error) {
	return _EcdsaBaseline.Contract.RegisterProvider(&_EcdsaBaseline.TransactOpts, minerId, endpoint, hostKeyFingerprint, metadata)
}

// RegisterProvider is a paid mutator transaction binding the contract method 0xacbd4fa7.
//
// Solidity: function registerProvider(string minerId, string endpoint, bytes32 hostKeyFingerprint, string metadata) returns()
func (_EcdsaBaseline *EcdsaBaselineTransactorSession) RegisterProvider(minerId string, endpoint string, hostKeyFingerprint [32]byte, metadata string) (*types.Transaction, error) {
	return _EcdsaBaseline.Contract.RegisterProvider(&_EcdsaBaseline.TransactOpts, minerId, endpoint, hostKeyFingerprint, metadata)
}

// RejectOrder is a paid mutator transaction binding the contract method 0x1be25cef.
//
// Solidity: function rejectOrder(bytes32 orderId, string reason) returns()
func (_EcdsaBaseline *EcdsaBaselineTransactor) RejectOrder(opts *bind.TransactOpts, orderId [32]byte, reason string) (*types.Transaction, error) {
	return _EcdsaBaseline.contract.Transact(opts, "rejectOrder", orderId, reason)
}

// RejectOrder is a paid mutator transaction binding the contract method 0x1be25cef.
//
// Solidity: function rejectOrder(bytes32 orderId, string reason) returns()
func (_EcdsaBaseline *EcdsaBaselineSession) RejectOrder(orderId [32]byte, reason string) (*types.Transaction, error) {
	return _EcdsaBaseline.Contract.RejectOrder(&_EcdsaBaseline.TransactOpts, orderId, reason)
}

// RejectOrder is a paid mutator transaction binding the contract method 0x1be25cef.
//
// Solidity: function rejectOrder(bytes32 orderId, string reason) returns()
func (_EcdsaBaseline *EcdsaBaselineTransactorSession) RejectOrder(orderId [32]byte, reason string) (*types.Transaction, error) {
	return _EcdsaBaseline.Contract.RejectOrder(&_EcdsaBaseline.TransactOpts, orderId, reason)
}

// Release is a paid mutator transaction binding the contract method 0xfb3631f2.
//
// Solidity: function release(bytes32 orderId, string reason) returns()
func (_EcdsaBaseline *EcdsaBaselineTransactor) Release(opts *bind.TransactOpts, orderId [32]byte, reason string) (*types.Transaction, error) {
	return _EcdsaBaseline.contract.Transact(opts, "release", orderId, reason)
}

// Release is a paid mutator transaction binding the contract method 0xfb3631f2.
//
// Solidity: function release(bytes32 orderId, string reason) returns()
func (_EcdsaBaseline *EcdsaBaselineSession) Release(orderId [32]byte, reason string) (*types.Transaction, error) {
	return _EcdsaBaseline.Contract.Release(&_EcdsaBaseline.TransactOpts, orderId, reason)
}

// Release is a paid mutator transaction binding the contract method 0xfb3631f2.
//
// Solidity: function release(bytes32 orderId, string reason) returns()
func (_EcdsaBaseline *EcdsaBaselineTransactorSession) Release(orderId [32]byte, reason string) (*types.Transaction, error) {
	return _EcdsaBaseline.Contract.Release(&_EcdsaBaseline.TransactOpts, orderId, reason)
}

// RetractDatasets is a paid mutator transaction binding the contract method 0x397e222c.
//
// Solidity: function retractDatasets(string[] cids) returns()
func (_EcdsaBaseline *EcdsaBaselineTransactor) RetractDatasets(opts *bind.TransactOpts, cids []string) (*types.Transaction, error) {
	return _EcdsaBaseline.contract.Transact(opts, "retractDatasets", cids)
}

// RetractDatasets is a paid mutator transaction binding the contract method 0x397e222c.
//
// Solidity: function retractDatasets(string[] cids) returns()
func (_EcdsaBaseline *EcdsaBaselineSession) RetractDatasets(cids []string) (*types.Transaction, error) {
	return _EcdsaBaseline.Contract.RetractDatasets(&_EcdsaBaseline.TransactOpts, cids)
}

// RetractDatasets is a paid mutator transaction binding the contract method 0x397e222c.
//
// Solidity: function retractDatasets(string[] cids) returns()
func (_EcdsaBaseline *EcdsaBaselineTransactorSession) RetractDatasets(cids []string) (*types.Transaction, error) {
	return _EcdsaBaseline.Contract.RetractDatasets(&_EcdsaBaseline.TransactOpts, cids)
}

// SettleBatch is a paid mutator transaction binding the contract method 0xf2eeb3f9.
//
// Solidity: function settleBatch(bytes32[] orderIds, uint256[] amounts, bytes proof) returns()
func (_EcdsaBaseline *EcdsaBaselineTransactor) SettleBatch(opts *bind.TransactOpts, orderIds [][32]byte, amounts []*big.Int, proof []byte) (*types.Transaction, error) {
	return _EcdsaBaseline.contract.Transact(opts, "settleBatch", orderIds, amounts, proof)
}

// SettleBatch is a paid mutator transaction binding the contract method 0xf2eeb3f9.
//
// Solidity: function settleBatch(bytes32[] orderIds, uint256[] amounts, bytes proof) returns()
func (_EcdsaBaseline *EcdsaBaselineSession) SettleBatch(orderIds [][32]byte, amounts []*big.Int, proof []byte) (*types.Transaction, error) {
	return _EcdsaBaseline.Contract.SettleBatch(&_EcdsaBaseline.TransactOpts, orderIds, amounts, proof)
}

// SettleBatch is a paid mutator transaction binding the contract method 0xf2eeb3f9.
//
// Solidity: function settleBatch(bytes32[] orderIds, uint256[] amounts, bytes proof) returns()
func (_EcdsaBaseline *EcdsaBaselineTransactorSession) SettleBatch(orderIds [][32]byte, amounts []*big.Int, proof []byte) (*types.Transaction, error) {
	return _EcdsaBaseline.Contract.SettleBatch(&_EcdsaBaseline.TransactOpts, orderIds, amounts, proof)
}

// SettleSigned is a paid mutator transaction binding the contract method 0x2a80b3b9.
//
// Solidity: function settleSigned(bytes32[] orderIds, uint256[] amounts, uint64[] seqs, bytes32[] r, bytes32[] vs) returns()
func (_EcdsaBaseline *EcdsaBaselineTransactor) SettleSigned(opts *bind.TransactOpts, orderIds [][32]byte, amounts []*big.Int, seqs []uint64, r [][32]byte, vs [][32]byte) (*types.Transaction, error) {
	return _EcdsaBaseline.contract.Transact(opts, "settleSigned", orderIds, amounts, seqs, r, vs)
}

// SettleSigned is a paid mutator transaction binding the contract method 0x2a80b3b9.
//
// Solidity: function settleSigned(bytes32[] orderIds, uint256[] amounts, uint64[] seqs, bytes32[] r, bytes32[] vs) returns()
func (_EcdsaBaseline *EcdsaBaselineSession) SettleSigned(orderIds [][32]byte, amounts []*big.Int, seqs []uint64, r [][32]byte, vs [][32]byte) (*types.Transaction, error) {
	return _EcdsaBaseline.Contract.SettleSigned(&_EcdsaBaseline.TransactOpts, orderIds, amounts, seqs, r, vs)
}

// SettleSigned is a paid mutator transaction binding the contract method 0x2a80b3b9.
//
// Solidity: function settleSigned(bytes32[] orderIds, uint256[] amounts, uint64[] seqs, bytes32[] r, bytes32[] vs) returns()
func (_EcdsaBaseline *EcdsaBaselineTransactorSession) SettleSigned(orderIds [][32]byte, amounts []*big.Int, seqs []uint64, r [][32]byte, vs [][32]byte) (*types.Transaction, error) {
	return _EcdsaBaseline.Contract.SettleSigned(&_EcdsaBaseline.TransactOpts, orderIds, amounts, seqs, r, vs)
}

// StartLease is a paid mutator transaction binding the contract method 0xad2f80e8.
//
// Solidity: function startLease(bytes32 orderId, string endpoint) returns()
func (_EcdsaBaseline *EcdsaBaselineTransactor) StartLease(opts *bind.TransactOpts, orderId [32]byte, endpoint string) (*types.Transaction, error) {
	return _EcdsaBaseline.contract.Transact(opts, "startLease", orderId, endpoint)
}

// StartLease is a paid mutator transaction binding the contract method 0xad2f80e8.
//
// Solidity: function startLease(bytes32 orderId, string endpoint) returns()
func (_EcdsaBaseline *EcdsaBaselineSession) StartLease(orderId [32]byte, endpoint string) (*types.Transaction, error) {
	return _EcdsaBaseline.Contract.StartLease(&_EcdsaBaseline.TransactOpts, orderId, endpoint)
}

// StartLease is a paid mutator transaction binding the contract method 0xad2f80e8.
//
// Solidity: function startLease(bytes32 orderId, string endpoint) returns()
func (_EcdsaBaseline *EcdsaBaselineTransactorSession) StartLease(orderId [32]byte, endpoint string) (*types.Transaction, error) {
	return _EcdsaBaseline.Contract.StartLease(&_EcdsaBaseline.TransactOpts, orderId, endpoint)
}

// Terminate is a paid mutator transaction binding the contract method 0x87b1002a.
//
// Solidity: function terminate(bytes32 orderId) returns()
func (_EcdsaBaseline *EcdsaBaselineTransactor) Terminate(opts *bind.TransactOpts, orderId [32]byte) (*types.Transaction, error) {
	return _EcdsaBaseline.contract.Transact(opts, "terminate", orderId)
}

// Terminate is a paid mutator transaction binding the contract method 0x87b1002a.
//
// Solidity: function terminate(bytes32 orderId) returns()
func (_EcdsaBaseline *EcdsaBaselineSession) Terminate(orderId [32]byte) (*types.Transaction, error) {
	return _EcdsaBaseline.Contract.Terminate(&_EcdsaBaseline.TransactOpts, orderId)
}

// Terminate is a paid mutator transaction binding the contract method 0x87b1002a.
//
// Solidity: function terminate(bytes32 orderId) returns()
func (_EcdsaBaseline *EcdsaBaselineTransactorSession) Terminate(orderId [32]byte) (*types.Transaction, error) {
	return _EcdsaBaseline.Contract.Terminate(&_EcdsaBaseline.TransactOpts, orderId)
}

// UpdateProvider is a paid mutator transaction binding the contract method 0x67b0441d.
//
// Solidity: function updateProvider(string endpoint, bytes32 hostKeyFingerprint, string metadata) returns()
func (_EcdsaBaseline *EcdsaBaselineTransactor) UpdateProvider(opts *bind.TransactOpts, endpoint string, hostKeyFingerprint [32]byte, metadata string) (*types.Transaction, error) {
	return _EcdsaBaseline.contract.Transact(opts, "updateProvider", endpoint, hostKeyFingerprint, metadata)
}

// UpdateProvider is a paid mutator transaction binding the contract method 0x67b0441d.
//
// Solidity: function updateProvider(string endpoint, bytes32 hostKeyFingerprint, string metadata) returns()
func (_EcdsaBaseline *EcdsaBaselineSession) UpdateProvider(endpoint string, hostKeyFingerprint [32]byte, metadata string) (*types.Transaction, error) {
	return _EcdsaBaseline.Contract.UpdateProvider(&_EcdsaBaseline.TransactOpts, endpoint, hostKeyFingerprint, metadata)
}

// UpdateProvider is a paid mutator transaction binding the contract method 0x67b0441d.
//
// Solidity: function updateProvider(string endpoint, bytes32 hostKeyFingerprint, string metadata) returns()
func (_EcdsaBaseline *EcdsaBaselineTransactorSession) UpdateProvider(endpoint string, hostKeyFingerprint [32]byte, metadata string) (*types.Transaction, error) {
	return _EcdsaBaseline.Contract.UpdateProvider(&_EcdsaBaseline.TransactOpts, endpoint, hostKeyFingerprint, metadata)
}

// Withdraw is a paid mutator transaction binding the contract method 0x3ccfd60b.
//
// Solidity: function withdraw() returns()
func (_EcdsaBaseline *EcdsaBaselineTransactor) Withdraw(opts *bind.TransactOpts) (*types.Transaction, error) {
	return _EcdsaBaseline.contract.Transact(opts, "withdraw")
}

// Withdraw is a paid mutator transaction binding the contract method 0x3ccfd60b.
//
// Solidity: function withdraw() returns()
func (_EcdsaBaseline *EcdsaBaselineSession) Withdraw() (*types.Transaction, error) {
	return _EcdsaBaseline.Contract.Withdraw(&_EcdsaBaseline.TransactOpts)
}

// Withdraw is a paid mutator transaction binding the contract method 0x3ccfd60b.
//
// Solidity: function withdraw() returns()
func (_EcdsaBaseline *EcdsaBaselineTransactorSession) Withdraw() (*types.Transaction, error) {
	return _EcdsaBaseline.Contract.Withdraw(&_EcdsaBaseline.TransactOpts)
}

// EcdsaBaselineBatchSettledIterator is returned from FilterBatchSettled and is used to iterate over the raw logs and unpacked data for BatchSettled events raised by the EcdsaBaseline contract.
type EcdsaBaselineBatchSettledIterator struct {
	Event *EcdsaBaselineBatchSettled // Event containing the contract specifics and raw log

	contract *bind.BoundContract // Generic contract to use for unpacking event data
	event    string              // Event name to use for unpacking event data

	logs chan types.Log        // Log channel receiving the found contract events
	sub  ethereum.Subscription // Subscription for errors, completion and termination
	done bool                  // Whether the subscription completed delivering logs
	fail error                 // Occurred error to stop iteration
}

// Next advances the iterator to the subsequent event, returning whether there
// are any more events found. In case of a retrieval or parsing error, false is
// returned and Error() can be queried for the exact failure.
func (it *EcdsaBaselineBatchSettledIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(EcdsaBaselineBatchSettled)
			if err := it.contract.UnpackLog(it.Event, it.event, log); err != nil {
				it.fail = err
				return false
			}
			it.Event.Raw = log
			return true

		default:
			return false
		}
	}
	// Iterator still in progress, wait for either a data or an error event
	select {
	case log := <-it.logs:
		it.Event = new(EcdsaBaselineBatchSettled)
		if err := it.contract.UnpackLog(it.Event, it.event, log); err != nil {
			it.fail = err
			return false
		}
		it.Event.Raw = log
		return true

	case err := <-it.sub.Err():
		it.done = true
		it.fail = err
		return it.Next()
	}
}

// Error returns any retrieval or parsing error occurred during filtering.
func (it *EcdsaBaselineBatchSettledIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *EcdsaBaselineBatchSettledIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// EcdsaBaselineBatchSettled represents a BatchSettled event raised by the EcdsaBaseline contract.
type EcdsaBaselineBatchSettled struct {
	Provider   common.Address
	Count      *big.Int
	Commitment *big.Int
	Raw        types.Log // Blockchain specific contextual infos
}

// FilterBatchSettled is a free log retrieval operation binding the contract event 0x0d6d85f3008924dae0b1a32d4282a496a9a01be312d238d9d229c8a0d401ffe3.
//
// Solidity: event BatchSettled(address indexed provider, uint256 count, uint256 commitment)
func (_EcdsaBaseline *EcdsaBaselineFilterer) FilterBatchSettled(opts *bind.FilterOpts, provider []common.Address) (*EcdsaBaselineBatchSettledIterator, error) {

	var providerRule []interface{}
	for _, providerItem := range provider {
		providerRule = append(providerRule, providerItem)
	}

	logs, sub, err := _EcdsaBaseline.contract.FilterLogs(opts, "BatchSettled", providerRule)
	if err != nil {
		return nil, err
	}
	return &EcdsaBaselineBatchSettledIterator{contract: _EcdsaBaseline.contract, event: "BatchSettled", logs: logs, sub: sub}, nil
}

// WatchBatchSettled is a free log subscription operation binding the contract event 0x0d6d85f3008924dae0b1a32d4282a496a9a01be312d238d9d229c8a0d401ffe3.
//
// Solidity: event BatchSettled(address indexed provider, uint256 count, uint256 commitment)
func (_EcdsaBaseline *EcdsaBaselineFilterer) WatchBatchSettled(opts *bind.WatchOpts, sink chan<- *EcdsaBaselineBatchSettled, provider []common.Address) (event.Subscription, error) {

	var providerRule []interface{}
	for _, providerItem := range provider {
		providerRule = append(providerRule, providerItem)
	}

	logs, sub, err := _EcdsaBaseline.contract.WatchLogs(opts, "BatchSettled", providerRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(EcdsaBaselineBatchSettled)
				if err := _EcdsaBaseline.contract.UnpackLog(event, "BatchSettled", log); err != nil {
					// If the signature doesn't match, skip this log.
					if errors.Is(err, bind.ErrEventSignatureMismatch) {
						continue
					}
					return err
				}
				event.Raw = log

				select {
				case sink <- event:
				case err := <-sub.Err():
					return err
				case <-quit:
					return nil
				}
			case err := <-sub.Err():
				return err
			case <-quit:
				return nil
			}
		}
	}), nil
}

// ParseBatchSettled is a log parse operation binding the contract event 0x0d6d85f3008924dae0b1a32d4282a496a9a01be312d238d9d229c8a0d401ffe3.
//
// Solidity: event BatchSettled(address indexed provider, uint256 count, uint256 commitment)
func (_EcdsaBaseline *EcdsaBaselineFilterer) ParseBatchSettled(log types.Log) (*EcdsaBaselineBatchSettled, error) {
	event := new(EcdsaBaselineBatchSettled)
	if err := _EcdsaBaseline.contract.UnpackLog(event, "BatchSettled", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// EcdsaBaselineDatasetAnnouncedIterator is returned from FilterDatasetAnnounced and is used to iterate over the raw logs and unpacked data for DatasetAnnounced events raised by the EcdsaBaseline contract.
type EcdsaBaselineDatasetAnnouncedIterator struct {
	Event *EcdsaBaselineDatasetAnnounced // Event containing the contract specifics and raw log

	contract *bind.BoundContract // Generic contract to use for unpacking event data
	event    string              // Event name to use for unpacking event data

	logs chan types.Log        // Log channel receiving the found contract events
	sub  ethereum.Subscription // Subscription for errors, completion and termination
	done bool                  // Whether the subscription completed delivering logs
	fail error                 // Occurred error to stop iteration
}

// Next advances the iterator to the subsequent event, returning whether there
// are any more events found. In case of a retrieval or parsing error, false is
// returned and Error() can be queried for the exact failure.
func (it *EcdsaBaselineDatasetAnnouncedIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(EcdsaBaselineDatasetAnnounced)
			if err := it.contract.UnpackLog(it.Event, it.event, log); err != nil {
				it.fail = err
				return false
			}
			it.Event.Raw = log
			return true

		default:
			return false
		}
	}
	// Iterator still in progress, wait for either a data or an error event
	select {
	case log := <-it.logs:
		it.Event = new(EcdsaBaselineDatasetAnnounced)
		if err := it.contract.UnpackLog(it.Event, it.event, log); err != nil {
			it.fail = err
			return false
		}
		it.Event.Raw = log
		return true

	case err := <-it.sub.Err():
		it.done = true
		it.fail = err
		return it.Next()
	}
}

// Error returns any retrieval or parsing error occurred during filtering.
func (it *EcdsaBaselineDatasetAnnouncedIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *EcdsaBaselineDatasetAnnouncedIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// EcdsaBaselineDatasetAnnounced represents a DatasetAnnounced event raised by the EcdsaBaseline contract.
type EcdsaBaselineDatasetAnnounced struct {
	Provider common.Address
	Cid      string
	Raw      types.Log // Blockchain specific contextual infos
}

// FilterDatasetAnnounced is a free log retrieval operation binding the contract event 0xa4411576a5b54af9d5bb2604e905bfc8eba4cd1081f5f93882111fb506b18d06.
//
// Solidity: event DatasetAnnounced(address indexed provider, string cid)
func (_EcdsaBaseline *EcdsaBaselineFilterer) FilterDatasetAnnounced(opts *bind.FilterOpts, provider []common.Address) (*EcdsaBaselineDatasetAnnouncedIterator, error) {

	var providerRule []interface{}
	for _, providerItem := range provider {
		providerRule = append(providerRule, providerItem)
	}

	logs, sub, err := _EcdsaBaseline.contract.FilterLogs(opts, "DatasetAnnounced", providerRule)
	if err != nil {
		return nil, err
	}
	return &EcdsaBaselineDatasetAnnouncedIterator{contract: _EcdsaBaseline.contract, event: "DatasetAnnounced", logs: logs, sub: sub}, nil
}

// WatchDatasetAnnounced is a free log subscription operation binding the contract event 0xa4411576a5b54af9d5bb2604e905bfc8eba4cd1081f5f93882111fb506b18d06.
//
// Solidity: event DatasetAnnounced(address indexed provider, string cid)
func (_EcdsaBaseline *EcdsaBaselineFilterer) WatchDatasetAnnounced(opts *bind.WatchOpts, sink chan<- *EcdsaBaselineDatasetAnnounced, provider []common.Address) (event.Subscription, error) {

	var providerRule []interface{}
	for _, providerItem := range provider {
		providerRule = append(providerRule, providerItem)
	}

	logs, sub, err := _EcdsaBaseline.contract.WatchLogs(opts, "DatasetAnnounced", providerRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(EcdsaBaselineDatasetAnnounced)
				if err := _EcdsaBaseline.contract.UnpackLog(event, "DatasetAnnounced", log); err != nil {
					// If the signature doesn't match, skip this log.
					if errors.Is(err, bind.ErrEventSignatureMismatch) {
						continue
					}
					return err
				}
				event.Raw = log

				select {
				case sink <- event:
				case err := <-sub.Err():
					return err
				case <-quit:
					return nil
				}
			case err := <-sub.Err():
				return err
			case <-quit:
				return nil
			}
		}
	}), nil
}

// ParseDatasetAnnounced is a log parse operation binding the contract event 0xa4411576a5b54af9d5bb2604e905bfc8eba4cd1081f5f93882111fb506b18d06.
//
// Solidity: event DatasetAnnounced(address indexed provider, string cid)
func (_EcdsaBaseline *EcdsaBaselineFilterer) ParseDatasetAnnounced(log types.Log) (*EcdsaBaselineDatasetAnnounced, error) {
	event := new(EcdsaBaselineDatasetAnnounced)
	if err := _EcdsaBaseline.contract.UnpackLog(event, "DatasetAnnounced", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// EcdsaBaselineDatasetRetractedIterator is returned from FilterDatasetRetracted and is used to iterate over the raw logs and unpacked data for DatasetRetracted events raised by the EcdsaBaseline contract.
type EcdsaBaselineDatasetRetractedIterator struct {
	Event *EcdsaBaselineDatasetRetracted // Event containing the contract specifics and raw log

	contract *bind.BoundContract // Generic contract to use for unpacking event data
	event    string              // Event name to use for unpacking event data

	logs chan types.Log        // Log channel receiving the found contract events
	sub  ethereum.Subscription // Subscription for errors, completion and termination
	done bool                  // Whether the subscription completed delivering logs
	fail error                 // Occurred error to stop iteration
}

// Next advances the iterator to the subsequent event, returning whether there
// are any more events found. In case of a retrieval or parsing error, false is
// returned and Error() can be queried for the exact failure.
func (it *EcdsaBaselineDatasetRetractedIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(EcdsaBaselineDatasetRetracted)
			if err := it.contract.UnpackLog(it.Event, it.event, log); err != nil {
				it.fail = err
				return false
			}
			it.Event.Raw = log
			return true

		default:
			return false
		}
	}
	// Iterator still in progress, wait for either a data or an error event
	select {
	case log := <-it.logs:
		it.Event = new(EcdsaBaselineDatasetRetracted)
		if err := it.contract.UnpackLog(it.Event, it.event, log); err != nil {
			it.fail = err
			return false
		}
		it.Event.Raw = log
		return true

	case err := <-it.sub.Err():
		it.done = true
		it.fail = err
		return it.Next()
	}
}

// Error returns any retrieval or parsing error occurred during filtering.
func (it *EcdsaBaselineDatasetRetractedIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *EcdsaBaselineDatasetRetractedIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// EcdsaBaselineDatasetRetracted represents a DatasetRetracted event raised by the EcdsaBaseline contract.
type EcdsaBaselineDatasetRetracted struct {
	Provider common.Address
	Cid      string
	Raw      types.Log // Blockchain specific contextual infos
}

// FilterDatasetRetracted is a free log retrieval operation binding the contract event 0x2342e2ad80b0e05e703c569cfcfae689b2fef456ffa2429b2e28af4b49d2464e.
//
// Solidity: event DatasetRetracted(address indexed provider, string cid)
func (_EcdsaBaseline *EcdsaBaselineFilterer) FilterDatasetRetracted(opts *bind.FilterOpts, provider []common.Address) (*EcdsaBaselineDatasetRetractedIterator, error) {

	var providerRule []interface{}
	for _, providerItem := range provider {
		providerRule = append(providerRule, providerItem)
	}

	logs, sub, err := _EcdsaBaseline.contract.FilterLogs(opts, "DatasetRetracted", providerRule)
	if err != nil {
		return nil, err
	}
	return &EcdsaBaselineDatasetRetractedIterator{contract: _EcdsaBaseline.contract, event: "DatasetRetracted", logs: logs, sub: sub}, nil
}

// WatchDatasetRetracted is a free log subscription operation binding the contract event 0x2342e2ad80b0e05e703c569cfcfae689b2fef456ffa2429b2e28af4b49d2464e.
//
// Solidity: event DatasetRetracted(address indexed provider, string cid)
func (_EcdsaBaseline *EcdsaBaselineFilterer) WatchDatasetRetracted(opts *bind.WatchOpts, sink chan<- *EcdsaBaselineDatasetRetracted, provider []common.Address) (event.Subscription, error) {

	var providerRule []interface{}
	for _, providerItem := range provider {
		providerRule = append(providerRule, providerItem)
	}

	logs, sub, err := _EcdsaBaseline.contract.WatchLogs(opts, "DatasetRetracted", providerRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(EcdsaBaselineDatasetRetracted)
				if err := _EcdsaBaseline.contract.UnpackLog(event, "DatasetRetracted", log); err != nil {
					// If the signature doesn't match, skip this log.
					if errors.Is(err, bind.ErrEventSignatureMismatch) {
						continue
					}
					return err
				}
				event.Raw = log

				select {
				case sink <- event:
				case err := <-sub.Err():
					return err
				case <-quit:
					return nil
				}
			case err := <-sub.Err():
				return err
			case <-quit:
				return nil
			}
		}
	}), nil
}

// ParseDatasetRetracted is a log parse operation binding the contract event 0x2342e2ad80b0e05e703c569cfcfae689b2fef456ffa2429b2e28af4b49d2464e.
//
// Solidity: event DatasetRetracted(address indexed provider, string cid)
func (_EcdsaBaseline *EcdsaBaselineFilterer) ParseDatasetRetracted(log types.Log) (*EcdsaBaselineDatasetRetracted, error) {
	event := new(EcdsaBaselineDatasetRetracted)
	if err := _EcdsaBaseline.contract.UnpackLog(event, "DatasetRetracted", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// EcdsaBaselineLeaseStartedIterator is returned from FilterLeaseStarted and is used to iterate over the raw logs and unpacked data for LeaseStarted events raised by the EcdsaBaseline contract.
type EcdsaBaselineLeaseStartedIterator struct {
	Event *EcdsaBaselineLeaseStarted // Event containing the contract specifics and raw log

	contract *bind.BoundContract // Generic contract to use for unpacking event data
	event    string              // Event name to use for unpacking event data

	logs chan types.Log        // Log channel receiving the found contract events
	sub  ethereum.Subscription // Subscription for errors, completion and termination
	done bool                  // Whether the subscription completed delivering logs
	fail error                 // Occurred error to stop iteration
}

// Next advances the iterator to the subsequent event, returning whether there
// are any more events found. In case of a retrieval or parsing error, false is
// returned and Error() can be queried for the exact failure.
func (it *EcdsaBaselineLeaseStartedIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(EcdsaBaselineLeaseStarted)
			if err := it.contract.UnpackLog(it.Event, it.event, log); err != nil {
				it.fail = err
				return false
			}
			it.Event.Raw = log
			return true

		default:
			return false
		}
	}
	// Iterator still in progress, wait for either a data or an error event
	select {
	case log := <-it.logs:
		it.Event = new(EcdsaBaselineLeaseStarted)
		if err := it.contract.UnpackLog(it.Event, it.event, log); err != nil {
			it.fail = err
			return false
		}
		it.Event.Raw = log
		return true

	case err := <-it.sub.Err():
		it.done = true
		it.fail = err
		return it.Next()
	}
}

// Error returns any retrieval or parsing error occurred during filtering.
func (it *EcdsaBaselineLeaseStartedIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *EcdsaBaselineLeaseStartedIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// EcdsaBaselineLeaseStarted represents a LeaseStarted event raised by the EcdsaBaseline contract.
type EcdsaBaselineLeaseStarted struct {
	OrderId   [32]byte
	Provider  common.Address
	Endpoint  string
	StartedAt uint64
	EndTime   uint64
	Raw       types.Log // Blockchain specific contextual infos
}

// FilterLeaseStarted is a free log retrieval operation binding the contract event 0x377fdbe761718eb2abe2e1e4f25893576f73f700607d9ab57628d7810540dc34.
//
// Solidity: event LeaseStarted(bytes32 indexed orderId, address indexed provider, string endpoint, uint64 startedAt, uint64 endTime)
func (_EcdsaBaseline *EcdsaBaselineFilterer) FilterLeaseStarted(opts *bind.FilterOpts, orderId [][32]byte, provider []common.Address) (*EcdsaBaselineLeaseStartedIterator, error) {

	var orderIdRule []interface{}
	for _, orderIdItem := range orderId {
		orderIdRule = append(orderIdRule, orderIdItem)
	}
	var providerRule []interface{}
	for _, providerItem := range provider {
		providerRule = append(providerRule, providerItem)
	}

	logs, sub, err := _EcdsaBaseline.contract.FilterLogs(opts, "LeaseStarted", orderIdRule, providerRule)
	if err != nil {
		return nil, err
	}
	return &EcdsaBaselineLeaseStartedIterator{contract: _EcdsaBaseline.contract, event: "LeaseStarted", logs: logs, sub: sub}, nil
}

// WatchLeaseStarted is a free log subscription operation binding the contract event 0x377fdbe761718eb2abe2e1e4f25893576f73f700607d9ab57628d7810540dc34.
//
// Solidity: event LeaseStarted(bytes32 indexed orderId, address indexed provider, string endpoint, uint64 startedAt, uint64 endTime)
func (_EcdsaBaseline *EcdsaBaselineFilterer) WatchLeaseStarted(opts *bind.WatchOpts, sink chan<- *EcdsaBaselineLeaseStarted, orderId [][32]byte, provider []common.Address) (event.Subscription, error) {

	var orderIdRule []interface{}
	for _, orderIdItem := range orderId {
		orderIdRule = append(orderIdRule, orderIdItem)
	}
	var providerRule []interface{}
	for _, providerItem := range provider {
		providerRule = append(providerRule, providerItem)
	}

	logs, sub, err := _EcdsaBaseline.contract.WatchLogs(opts, "LeaseStarted", orderIdRule, providerRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(EcdsaBaselineLeaseStarted)
				if err := _EcdsaBaseline.contract.UnpackLog(event, "LeaseStarted", log); err != nil {
					// If the signature doesn't match, skip this log.
					if errors.Is(err, bind.ErrEventSignatureMismatch) {
						continue
					}
					return err
				}
				event.Raw = log

				select {
				case sink <- event:
				case err := <-sub.Err():
					return err
				case <-quit:
					return nil
				}
			case err := <-sub.Err():
				return err
			case <-quit:
				return nil
			}
		}
	}), nil
}

// ParseLeaseStarted is a log parse operation binding the contract event 0x377fdbe761718eb2abe2e1e4f25893576f73f700607d9ab57628d7810540dc34.
//
// Solidity: event LeaseStarted(bytes32 indexed orderId, address indexed provider, string endpoint, uint64 startedAt, uint64 endTime)
func (_EcdsaBaseline *EcdsaBaselineFilterer) ParseLeaseStarted(log types.Log) (*EcdsaBaselineLeaseStarted, error) {
	event := new(EcdsaBaselineLeaseStarted)
	if err := _EcdsaBaseline.contract.UnpackLog(event, "LeaseStarted", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// EcdsaBaselineLeaseTerminatedIterator is returned from FilterLeaseTerminated and is used to iterate over the raw logs and unpacked data for LeaseTerminated events raised by the EcdsaBaseline contract.
type EcdsaBaselineLeaseTerminatedIterator struct {
	Event *EcdsaBaselineLeaseTerminated // Event containing the contract specifics and raw log

	contract *bind.BoundContract // Generic contract to use for unpacking event data
	event    string              // Event name to use for unpacking event data

	logs chan types.Log        // Log channel receiving the found contract events
	sub  ethereum.Subscription // Subscription for errors, completion and termination
	done bool                  // Whether the subscription completed delivering logs
	fail error                 // Occurred error to stop iteration
}

// Next advances the iterator to the subsequent event, returning whether there
// are any more events found. In case of a retrieval or parsing error, false is
// returned and Error() can be queried for the exact failure.
func (it *EcdsaBaselineLeaseTerminatedIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(EcdsaBaselineLeaseTerminated)
			if err := it.contract.UnpackLog(it.Event, it.event, log); err != nil {
				it.fail = err
				return false
			}
			it.Event.Raw = log
			return true

		default:
			return false
		}
	}
	// Iterator still in progress, wait for either a data or an error event
	select {
	case log := <-it.logs:
		it.Event = new(EcdsaBaselineLeaseTerminated)
		if err := it.contract.UnpackLog(it.Event, it.event, log); err != nil {
			it.fail = err
			return false
		}
		it.Event.Raw = log
		return true

	case err := <-it.sub.Err():
		it.done = true
		it.fail = err
		return it.Next()
	}
}

// Error returns any retrieval or parsing error occurred during filtering.
func (it *EcdsaBaselineLeaseTerminatedIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *EcdsaBaselineLeaseTerminatedIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// EcdsaBaselineLeaseTerminated represents a LeaseTerminated event raised by the EcdsaBaseline contract.
type EcdsaBaselineLeaseTerminated struct {
	OrderId [32]byte
	Client  common.Address
	EndTime uint64
	Raw     types.Log // Blockchain specific contextual infos
}

// FilterLeaseTerminated is a free log retrieval operation binding the contract event 0x639bfed31ef8bc64234b1389cce6b65de66f031fcba8a794cff536598d7e770e.
//
// Solidity: event LeaseTerminated(bytes32 indexed orderId, address indexed client, uint64 endTime)
func (_EcdsaBaseline *EcdsaBaselineFilterer) FilterLeaseTerminated(opts *bind.FilterOpts, orderId [][32]byte, client []common.Address) (*EcdsaBaselineLeaseTerminatedIterator, error) {

	var orderIdRule []interface{}
	for _, orderIdItem := range orderId {
		orderIdRule = append(orderIdRule, orderIdItem)
	}
	var clientRule []interface{}
	for _, clientItem := range client {
		clientRule = append(clientRule, clientItem)
	}

	logs, sub, err := _EcdsaBaseline.contract.FilterLogs(opts, "LeaseTerminated", orderIdRule, clientRule)
	if err != nil {
		return nil, err
	}
	return &EcdsaBaselineLeaseTerminatedIterator{contract: _EcdsaBaseline.contract, event: "LeaseTerminated", logs: logs, sub: sub}, nil
}

// WatchLeaseTerminated is a free log subscription operation binding the contract event 0x639bfed31ef8bc64234b1389cce6b65de66f031fcba8a794cff536598d7e770e.
//
// Solidity: event LeaseTerminated(bytes32 indexed orderId, address indexed client, uint64 endTime)
func (_EcdsaBaseline *EcdsaBaselineFilterer) WatchLeaseTerminated(opts *bind.WatchOpts, sink chan<- *EcdsaBaselineLeaseTerminated, orderId [][32]byte, client []common.Address) (event.Subscription, error) {

	var orderIdRule []interface{}
	for _, orderIdItem := range orderId {
		orderIdRule = append(orderIdRule, orderIdItem)
	}
	var clientRule []interface{}
	for _, clientItem := range client {
		clientRule = append(clientRule, clientItem)
	}

	logs, sub, err := _EcdsaBaseline.contract.WatchLogs(opts, "LeaseTerminated", orderIdRule, clientRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(EcdsaBaselineLeaseTerminated)
				if err := _EcdsaBaseline.contract.UnpackLog(event, "LeaseTerminated", log); err != nil {
					// If the signature doesn't match, skip this log.
					if errors.Is(err, bind.ErrEventSignatureMismatch) {
						continue
					}
					return err
				}
				event.Raw = log

				select {
				case sink <- event:
				case err := <-sub.Err():
					return err
				case <-quit:
					return nil
				}
			case err := <-sub.Err():
				return err
			case <-quit:
				return nil
			}
		}
	}), nil
}

// ParseLeaseTerminated is a log parse operation binding the contract event 0x639bfed31ef8bc64234b1389cce6b65de66f031fcba8a794cff536598d7e770e.
//
// Solidity: event LeaseTerminated(bytes32 indexed orderId, address indexed client, uint64 endTime)
func (_EcdsaBaseline *EcdsaBaselineFilterer) ParseLeaseTerminated(log types.Log) (*EcdsaBaselineLeaseTerminated, error) {
	event := new(EcdsaBaselineLeaseTerminated)
	if err := _EcdsaBaseline.contract.UnpackLog(event, "LeaseTerminated", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// EcdsaBaselineOrderAcceptedIterator is returned from FilterOrderAccepted and is used to iterate over the raw logs and unpacked data for OrderAccepted events raised by the EcdsaBaseline contract.
type EcdsaBaselineOrderAcceptedIterator struct {
	Event *EcdsaBaselineOrderAccepted // Event containing the contract specifics and raw log

	contract *bind.BoundContract // Generic contract to use for unpacking event data
	event    string              // Event name to use for unpacking event data

	logs chan types.Log        // Log channel receiving the found contract events
	sub  ethereum.Subscription // Subscription for errors, completion and termination
	done bool                  // Whether the subscription completed delivering logs
	fail error                 // Occurred error to stop iteration
}

// Next advances the iterator to the subsequent event, returning whether there
// are any more events found. In case of a retrieval or parsing error, false is
// returned and Error() can be queried for the exact failure.
func (it *EcdsaBaselineOrderAcceptedIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(EcdsaBaselineOrderAccepted)
			if err := it.contract.UnpackLog(it.Event, it.event, log); err != nil {
				it.fail = err
				return false
			}
			it.Event.Raw = log
			return true

		default:
			return false
		}
	}
	// Iterator still in progress, wait for either a data or an error event
	select {
	case log := <-it.logs:
		it.Event = new(EcdsaBaselineOrderAccepted)
		if err := it.contract.UnpackLog(it.Event, it.event, log); err != nil {
			it.fail = err
			return false
		}
		it.Event.Raw = log
		return true

	case err := <-it.sub.Err():
		it.done = true
		it.fail = err
		return it.Next()
	}
}

// Error returns any retrieval or parsing error occurred during filtering.
func (it *EcdsaBaselineOrderAcceptedIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *EcdsaBaselineOrderAcceptedIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// EcdsaBaselineOrderAccepted represents a OrderAccepted event raised by the EcdsaBaseline contract.
type EcdsaBaselineOrderAccepted struct {
	OrderId    [32]byte
	Provider   common.Address
	Collateral *big.Int
	EndTime    uint64
	Raw        types.Log // Blockchain specific contextual infos
}

// FilterOrderAccepted is a free log retrieval operation binding the contract event 0x5087147a6f3ea3c12cce47868600b3b86e42d822051313b0f372d04446cc14e8.
//
// Solidity: event OrderAccepted(bytes32 indexed orderId, address indexed provider, uint256 collateral, uint64 endTime)
func (_EcdsaBaseline *EcdsaBaselineFilterer) FilterOrderAccepted(opts *bind.FilterOpts, orderId [][32]byte, provider []common.Address) (*EcdsaBaselineOrderAcceptedIterator, error) {

	var orderIdRule []interface{}
	for _, orderIdItem := range orderId {
		orderIdRule = append(orderIdRule, orderIdItem)
	}
	var providerRule []interface{}
	for _, providerItem := range provider {
		providerRule = append(providerRule, providerItem)
	}

	logs, sub, err := _EcdsaBaseline.contract.FilterLogs(opts, "OrderAccepted", orderIdRule, providerRule)
	if err != nil {
		return nil, err
	}
	return &EcdsaBaselineOrderAcceptedIterator{contract: _EcdsaBaseline.contract, event: "OrderAccepted", logs: logs, sub: sub}, nil
}

// WatchOrderAccepted is a free log subscription operation binding the contract event 0x5087147a6f3ea3c12cce47868600b3b86e42d822051313b0f372d04446cc14e8.
//
// Solidity: event OrderAccepted(bytes32 indexed orderId, address indexed provider, uint256 collateral, uint64 endTime)
func (_EcdsaBaseline *EcdsaBaselineFilterer) WatchOrderAccepted(opts *bind.WatchOpts, sink chan<- *EcdsaBaselineOrderAccepted, orderId [][32]byte, provider []common.Address) (event.Subscription, error) {

	var orderIdRule []interface{}
	for _, orderIdItem := range orderId {
		orderIdRule = append(orderIdRule, orderIdItem)
	}
	var providerRule []interface{}
	for _, providerItem := range provider {
		providerRule = append(providerRule, providerItem)
	}

	logs, sub, err := _EcdsaBaseline.contract.WatchLogs(opts, "OrderAccepted", orderIdRule, providerRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(EcdsaBaselineOrderAccepted)
				if err := _EcdsaBaseline.contract.UnpackLog(event, "OrderAccepted", log); err != nil {
					// If the signature doesn't match, skip this log.
					if errors.Is(err, bind.ErrEventSignatureMismatch) {
						continue
					}
					return err
				}
				event.Raw = log

				select {
				case sink <- event:
				case err := <-sub.Err():
					return err
				case <-quit:
					return nil
				}
			case err := <-sub.Err():
				return err
			case <-quit:
				return nil
			}
		}
	}), nil
}

// ParseOrderAccepted is a log parse operation binding the contract event 0x5087147a6f3ea3c12cce47868600b3b86e42d822051313b0f372d04446cc14e8.
//
// Solidity: event OrderAccepted(bytes32 indexed orderId, address indexed provider, uint256 collateral, uint64 endTime)
func (_EcdsaBaseline *EcdsaBaselineFilterer) ParseOrderAccepted(log types.Log) (*EcdsaBaselineOrderAccepted, error) {
	event := new(EcdsaBaselineOrderAccepted)
	if err := _EcdsaBaseline.contract.UnpackLog(event, "OrderAccepted", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// EcdsaBaselineOrderCancelledIterator is returned from FilterOrderCancelled and is used to iterate over the raw logs and unpacked data for OrderCancelled events raised by the EcdsaBaseline contract.
type EcdsaBaselineOrderCancelledIterator struct {
	Event *EcdsaBaselineOrderCancelled // Event containing the contract specifics and raw log

	contract *bind.BoundContract // Generic contract to use for unpacking event data
	event    string              // Event name to use for unpacking event data

	logs chan types.Log        // Log channel receiving the found contract events
	sub  ethereum.Subscription // Subscription for errors, completion and termination
	done bool                  // Whether the subscription completed delivering logs
	fail error                 // Occurred error to stop iteration
}

// Next advances the iterator to the subsequent event, returning whether there
// are any more events found. In case of a retrieval or parsing error, false is
// returned and Error() can be queried for the exact failure.
func (it *EcdsaBaselineOrderCancelledIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(EcdsaBaselineOrderCancelled)
			if err := it.contract.UnpackLog(it.Event, it.event, log); err != nil {
				it.fail = err
				return false
			}
			it.Event.Raw = log
			return true

		default:
			return false
		}
	}
	// Iterator still in progress, wait for either a data or an error event
	select {
	case log := <-it.logs:
		it.Event = new(EcdsaBaselineOrderCancelled)
		if err := it.contract.UnpackLog(it.Event, it.event, log); err != nil {
			it.fail = err
			return false
		}
		it.Event.Raw = log
		return true

	case err := <-it.sub.Err():
		it.done = true
		it.fail = err
		return it.Next()
	}
}

// Error returns any retrieval or parsing error occurred during filtering.
func (it *EcdsaBaselineOrderCancelledIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *EcdsaBaselineOrderCancelledIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// EcdsaBaselineOrderCancelled represents a OrderCancelled event raised by the EcdsaBaseline contract.
type EcdsaBaselineOrderCancelled struct {
	OrderId [32]byte
	Client  common.Address
	Refund  *big.Int
	Raw     types.Log // Blockchain specific contextual infos
}

// FilterOrderCancelled is a free log retrieval operation binding the contract event 0xb2705df32ac67fc3101f496cd7036bf59074a603544d97d73650b6f09744986a.
//
// Solidity: event OrderCancelled(bytes32 indexed orderId, address indexed client, uint256 refund)
func (_EcdsaBaseline *EcdsaBaselineFilterer) FilterOrderCancelled(opts *bind.FilterOpts, orderId [][32]byte, client []common.Address) (*EcdsaBaselineOrderCancelledIterator, error) {

	var orderIdRule []interface{}
	for _, orderIdItem := range orderId {
		orderIdRule = append(orderIdRule, orderIdItem)
	}
	var clientRule []interface{}
	for _, clientItem := range client {
		clientRule = append(clientRule, clientItem)
	}

	logs, sub, err := _EcdsaBaseline.contract.FilterLogs(opts, "OrderCancelled", orderIdRule, clientRule)
	if err != nil {
		return nil, err
	}
	return &EcdsaBaselineOrderCancelledIterator{contract: _EcdsaBaseline.contract, event: "OrderCancelled", logs: logs, sub: sub}, nil
}

// WatchOrderCancelled is a free log subscription operation binding the contract event 0xb2705df32ac67fc3101f496cd7036bf59074a603544d97d73650b6f09744986a.
//
// Solidity: event OrderCancelled(bytes32 indexed orderId, address indexed client, uint256 refund)
func (_EcdsaBaseline *EcdsaBaselineFilterer) WatchOrderCancelled(opts *bind.WatchOpts, sink chan<- *EcdsaBaselineOrderCancelled, orderId [][32]byte, client []common.Address) (event.Subscription, error) {

	var orderIdRule []interface{}
	for _, orderIdItem := range orderId {
		orderIdRule = append(orderIdRule, orderIdItem)
	}
	var clientRule []interface{}
	for _, clientItem := range client {
		clientRule = append(clientRule, clientItem)
	}

	logs, sub, err := _EcdsaBaseline.contract.WatchLogs(opts, "OrderCancelled", orderIdRule, clientRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(EcdsaBaselineOrderCancelled)
				if err := _EcdsaBaseline.contract.UnpackLog(event, "OrderCancelled", log); err != nil {
					// If the signature doesn't match, skip this log.
					if errors.Is(err, bind.ErrEventSignatureMismatch) {
						continue
					}
					return err
				}
				event.Raw = log

				select {
				case sink <- event:
				case err := <-sub.Err():
					return err
				case <-quit:
					return nil
				}
			case err := <-sub.Err():
				return err
			case <-quit:
				return nil
			}
		}
	}), nil
}

// ParseOrderCancelled is a log parse operation binding the contract event 0xb2705df32ac67fc3101f496cd7036bf59074a603544d97d73650b6f09744986a.
//
// Solidity: event OrderCancelled(bytes32 indexed orderId, address indexed client, uint256 refund)
func (_EcdsaBaseline *EcdsaBaselineFilterer) ParseOrderCancelled(log types.Log) (*EcdsaBaselineOrderCancelled, error) {
	event := new(EcdsaBaselineOrderCancelled)
	if err := _EcdsaBaseline.contract.UnpackLog(event, "OrderCancelled", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// EcdsaBaselineOrderCreatedIterator is returned from FilterOrderCreated and is used to iterate over the raw logs and unpacked data for OrderCreated events raised by the EcdsaBaseline contract.
type EcdsaBaselineOrderCreatedIterator struct {
	Event *EcdsaBaselineOrderCreated // Event containing the contract specifics and raw log

	contract *bind.BoundContract // Generic contract to use for unpacking event data
	event    string              // Event name to use for unpacking event data

	logs chan types.Log        // Log channel receiving the found contract events
	sub  ethereum.Subscription // Subscription for errors, completion and termination
	done bool                  // Whether the subscription completed delivering logs
	fail error                 // Occurred error to stop iteration
}

// Next advances the iterator to the subsequent event, returning whether there
// are any more events found. In case of a retrieval or parsing error, false is
// returned and Error() can be queried for the exact failure.
func (it *EcdsaBaselineOrderCreatedIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(EcdsaBaselineOrderCreated)
			if err := it.contract.UnpackLog(it.Event, it.event, log); err != nil {
				it.fail = err
				return false
			}
			it.Event.Raw = log
			return true

		default:
			return false
		}
	}
	// Iterator still in progress, wait for either a data or an error event
	select {
	case log := <-it.logs:
		it.Event = new(EcdsaBaselineOrderCreated)
		if err := it.contract.UnpackLog(it.Event, it.event, log); err != nil {
			it.fail = err
			return false
		}
		it.Event.Raw = log
		return true

	case err := <-it.sub.Err():
		it.done = true
		it.fail = err
		return it.Next()
	}
}

// Error returns any retrieval or parsing error occurred during filtering.
func (it *EcdsaBaselineOrderCreatedIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *EcdsaBaselineOrderCreatedIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// EcdsaBaselineOrderCreated represents a OrderCreated event raised by the EcdsaBaseline contract.
type EcdsaBaselineOrderCreated struct {
	OrderId     [32]byte
	Client      common.Address
	Provider    common.Address
	MinerId     string
	Nonce       *big.Int
	PaymentKey  [32]byte
	PriceAmount *big.Int
	PricePeriod uint64
	Duration    uint64
	Escrow      *big.Int
	SpecHash    [32]byte
	Spec        []byte
	Raw         types.Log // Blockchain specific contextual infos
}

// FilterOrderCreated is a free log retrieval operation binding the contract event 0x2b22d5e19f0b75b6000b01b4fc65bcc6404682715b1fe738bdb18675dd69686b.
//
// Solidity: event OrderCreated(bytes32 indexed orderId, address indexed client, address indexed provider, string minerId, uint256 nonce, bytes32 paymentKey, uint256 priceAmount, uint64 pricePeriod, uint64 duration, uint256 escrow, bytes32 specHash, bytes spec)
func (_EcdsaBaseline *EcdsaBaselineFilterer) FilterOrderCreated(opts *bind.FilterOpts, orderId [][32]byte, client []common.Address, provider []common.Address) (*EcdsaBaselineOrderCreatedIterator, error) {

	var orderIdRule []interface{}
	for _, orderIdItem := range orderId {
		orderIdRule = append(orderIdRule, orderIdItem)
	}
	var clientRule []interface{}
	for _, clientItem := range client {
		clientRule = append(clientRule, clientItem)
	}
	var providerRule []interface{}
	for _, providerItem := range provider {
		providerRule = append(providerRule, providerItem)
	}

	logs, sub, err := _EcdsaBaseline.contract.FilterLogs(opts, "OrderCreated", orderIdRule, clientRule, providerRule)
	if err != nil {
		return nil, err
	}
	return &EcdsaBaselineOrderCreatedIterator{contract: _EcdsaBaseline.contract, event: "OrderCreated", logs: logs, sub: sub}, nil
}

// WatchOrderCreated is a free log subscription operation binding the contract event 0x2b22d5e19f0b75b6000b01b4fc65bcc6404682715b1fe738bdb18675dd69686b.
//
// Solidity: event OrderCreated(bytes32 indexed orderId, address indexed client, address indexed provider, string minerId, uint256 nonce, bytes32 paymentKey, uint256 priceAmount, uint64 pricePeriod, uint64 duration, uint256 escrow, bytes32 specHash, bytes spec)
func (_EcdsaBaseline *EcdsaBaselineFilterer) WatchOrderCreated(opts *bind.WatchOpts, sink chan<- *EcdsaBaselineOrderCreated, orderId [][32]byte, client []common.Address, provider []common.Address) (event.Subscription, error) {

	var orderIdRule []interface{}
	for _, orderIdItem := range orderId {
		orderIdRule = append(orderIdRule, orderIdItem)
	}
	var clientRule []interface{}
	for _, clientItem := range client {
		clientRule = append(clientRule, clientItem)
	}
	var providerRule []interface{}
	for _, providerItem := range provider {
		providerRule = append(providerRule, providerItem)
	}

	logs, sub, err := _EcdsaBaseline.contract.WatchLogs(opts, "OrderCreated", orderIdRule, clientRule, providerRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(EcdsaBaselineOrderCreated)
				if err := _EcdsaBaseline.contract.UnpackLog(event, "OrderCreated", log); err != nil {
					// If the signature doesn't match, skip this log.
					if errors.Is(err, bind.ErrEventSignatureMismatch) {
						continue
					}
					return err
				}
				event.Raw = log

				select {
				case sink <- event:
				case err := <-sub.Err():
					return err
				case <-quit:
					return nil
				}
			case err := <-sub.Err():
				return err
			case <-quit:
				return nil
			}
		}
	}), nil
}

// ParseOrderCreated is a log parse operation binding the contract event 0x2b22d5e19f0b75b6000b01b4fc65bcc6404682715b1fe738bdb18675dd69686b.
//
// Solidity: event OrderCreated(bytes32 indexed orderId, address indexed client, address indexed provider, string minerId, uint256 nonce, bytes32 paymentKey, uint256 priceAmount, uint64 pricePeriod, uint64 duration, uint256 escrow, bytes32 specHash, bytes spec)
func (_EcdsaBaseline *EcdsaBaselineFilterer) ParseOrderCreated(log types.Log) (*EcdsaBaselineOrderCreated, error) {
	event := new(EcdsaBaselineOrderCreated)
	if err := _EcdsaBaseline.contract.UnpackLog(event, "OrderCreated", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// EcdsaBaselineOrderReclaimedIterator is returned from FilterOrderReclaimed and is used to iterate over the raw logs and unpacked data for OrderReclaimed events raised by the EcdsaBaseline contract.
type EcdsaBaselineOrderReclaimedIterator struct {
	Event *EcdsaBaselineOrderReclaimed // Event containing the contract specifics and raw log

	contract *bind.BoundContract // Generic contract to use for unpacking event data
	event    string              // Event name to use for unpacking event data

	logs chan types.Log        // Log channel receiving the found contract events
	sub  ethereum.Subscription // Subscription for errors, completion and termination
	done bool                  // Whether the subscription completed delivering logs
	fail error                 // Occurred error to stop iteration
}

// Next advances the iterator to the subsequent event, returning whether there
// are any more events found. In case of a retrieval or parsing error, false is
// returned and Error() can be queried for the exact failure.
func (it *EcdsaBaselineOrderReclaimedIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(EcdsaBaselineOrderReclaimed)
			if err := it.contract.UnpackLog(it.Event, it.event, log); err != nil {
				it.fail = err
				return false
			}
			it.Event.Raw = log
			return true

		default:
			return false
		}
	}
	// Iterator still in progress, wait for either a data or an error event
	select {
	case log := <-it.logs:
		it.Event = new(EcdsaBaselineOrderReclaimed)
		if err := it.contract.UnpackLog(it.Event, it.event, log); err != nil {
			it.fail = err
			return false
		}
		it.Event.Raw = log
		return true

	case err := <-it.sub.Err():
		it.done = true
		it.fail = err
		return it.Next()
	}
}

// Error returns any retrieval or parsing error occurred during filtering.
func (it *EcdsaBaselineOrderReclaimedIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *EcdsaBaselineOrderReclaimedIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// EcdsaBaselineOrderReclaimed represents a OrderReclaimed event raised by the EcdsaBaseline contract.
type EcdsaBaselineOrderReclaimed struct {
	OrderId [32]byte
	Client  common.Address
	Amount  *big.Int
	Raw     types.Log // Blockchain specific contextual infos
}

// FilterOrderReclaimed is a free log retrieval operation binding the contract event 0x2b05c71b41e57dce1a0e326dd8285f42daea0395bc43c2026a30ec5d2c160c17.
//
// Solidity: event OrderReclaimed(bytes32 indexed orderId, address indexed client, uint256 amount)
func (_EcdsaBaseline *EcdsaBaselineFilterer) FilterOrderReclaimed(opts *bind.FilterOpts, orderId [][32]byte, client []common.Address) (*EcdsaBaselineOrderReclaimedIterator, error) {

	var orderIdRule []interface{}
	for _, orderIdItem := range orderId {
		orderIdRule = append(orderIdRule, orderIdItem)
	}
	var clientRule []interface{}
	for _, clientItem := range client {
		clientRule = append(clientRule, clientItem)
	}

	logs, sub, err := _EcdsaBaseline.contract.FilterLogs(opts, "OrderReclaimed", orderIdRule, clientRule)
	if err != nil {
		return nil, err
	}
	return &EcdsaBaselineOrderReclaimedIterator{contract: _EcdsaBaseline.contract, event: "OrderReclaimed", logs: logs, sub: sub}, nil
}

// WatchOrderReclaimed is a free log subscription operation binding the contract event 0x2b05c71b41e57dce1a0e326dd8285f42daea0395bc43c2026a30ec5d2c160c17.
//
// Solidity: event OrderReclaimed(bytes32 indexed orderId, address indexed client, uint256 amount)
func (_EcdsaBaseline *EcdsaBaselineFilterer) WatchOrderReclaimed(opts *bind.WatchOpts, sink chan<- *EcdsaBaselineOrderReclaimed, orderId [][32]byte, client []common.Address) (event.Subscription, error) {

	var orderIdRule []interface{}
	for _, orderIdItem := range orderId {
		orderIdRule = append(orderIdRule, orderIdItem)
	}
	var clientRule []interface{}
	for _, clientItem := range client {
		clientRule = append(clientRule, clientItem)
	}

	logs, sub, err := _EcdsaBaseline.contract.WatchLogs(opts, "OrderReclaimed", orderIdRule, clientRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(EcdsaBaselineOrderReclaimed)
				if err := _EcdsaBaseline.contract.UnpackLog(event, "OrderReclaimed", log); err != nil {
					// If the signature doesn't match, skip this log.
					if errors.Is(err, bind.ErrEventSignatureMismatch) {
						continue
					}
					return err
				}
				event.Raw = log

				select {
				case sink <- event:
				case err := <-sub.Err():
					return err
				case <-quit:
					return nil
				}
			case err := <-sub.Err():
				return err
			case <-quit:
				return nil
			}
		}
	}), nil
}

// ParseOrderReclaimed is a log parse operation binding the contract event 0x2b05c71b41e57dce1a0e326dd8285f42daea0395bc43c2026a30ec5d2c160c17.
//
// Solidity: event OrderReclaimed(bytes32 indexed orderId, address indexed client, uint256 amount)
func (_EcdsaBaseline *EcdsaBaselineFilterer) ParseOrderReclaimed(log types.Log) (*EcdsaBaselineOrderReclaimed, error) {
	event := new(EcdsaBaselineOrderReclaimed)
	if err := _EcdsaBaseline.contract.UnpackLog(event, "OrderReclaimed", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// EcdsaBaselineOrderRejectedIterator is returned from FilterOrderRejected and is used to iterate over the raw logs and unpacked data for OrderRejected events raised by the EcdsaBaseline contract.
type EcdsaBaselineOrderRejectedIterator struct {
	Event *EcdsaBaselineOrderRejected // Event containing the contract specifics and raw log

	contract *bind.BoundContract // Generic contract to use for unpacking event data
	event    string              // Event name to use for unpacking event data

	logs chan types.Log        // Log channel receiving the found contract events
	sub  ethereum.Subscription // Subscription for errors, completion and termination
	done bool                  // Whether the subscription completed delivering logs
	fail error                 // Occurred error to stop iteration
}

// Next advances the iterator to the subsequent event, returning whether there
// are any more events found. In case of a retrieval or parsing error, false is
// returned and Error() can be queried for the exact failure.
func (it *EcdsaBaselineOrderRejectedIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(EcdsaBaselineOrderRejected)
			if err := it.contract.UnpackLog(it.Event, it.event, log); err != nil {
				it.fail = err
				return false
			}
			it.Event.Raw = log
			return true

		default:
			return false
		}
	}
	// Iterator still in progress, wait for either a data or an error event
	select {
	case log := <-it.logs:
		it.Event = new(EcdsaBaselineOrderRejected)
		if err := it.contract.UnpackLog(it.Event, it.event, log); err != nil {
			it.fail = err
			return false
		}
		it.Event.Raw = log
		return true

	case err := <-it.sub.Err():
		it.done = true
		it.fail = err
		return it.Next()
	}
}

// Error returns any retrieval or parsing error occurred during filtering.
func (it *EcdsaBaselineOrderRejectedIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *EcdsaBaselineOrderRejectedIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// EcdsaBaselineOrderRejected represents a OrderRejected event raised by the EcdsaBaseline contract.
type EcdsaBaselineOrderRejected struct {
	OrderId  [32]byte
	Provider common.Address
	Client   common.Address
	Refund   *big.Int
	Reason   string
	Raw      types.Log // Blockchain specific contextual infos
}

// FilterOrderRejected is a free log retrieval operation binding the contract event 0x517981e7f72086402a449dc03ebee382bc209c4779c2f6f0c2fe773e6d195804.
//
// Solidity: event OrderRejected(bytes32 indexed orderId, address indexed provider, address indexed client, uint256 refund, string reason)
func (_EcdsaBaseline *EcdsaBaselineFilterer) FilterOrderRejected(opts *bind.FilterOpts, orderId [][32]byte, provider []common.Address, client []common.Address) (*EcdsaBaselineOrderRejectedIterator, error) {

	var orderIdRule []interface{}
	for _, orderIdItem := range orderId {
		orderIdRule = append(orderIdRule, orderIdItem)
	}
	var providerRule []interface{}
	for _, providerItem := range provider {
		providerRule = append(providerRule, providerItem)
	}
	var clientRule []interface{}
	for _, clientItem := range client {
		clientRule = append(clientRule, clientItem)
	}

	logs, sub, err := _EcdsaBaseline.contract.FilterLogs(opts, "OrderRejected", orderIdRule, providerRule, clientRule)
	if err != nil {
		return nil, err
	}
	return &EcdsaBaselineOrderRejectedIterator{contract: _EcdsaBaseline.contract, event: "OrderRejected", logs: logs, sub: sub}, nil
}

// WatchOrderRejected is a free log subscription operation binding the contract event 0x517981e7f72086402a449dc03ebee382bc209c4779c2f6f0c2fe773e6d195804.
//
// Solidity: event OrderRejected(bytes32 indexed orderId, address indexed provider, address indexed client, uint256 refund, string reason)
func (_EcdsaBaseline *EcdsaBaselineFilterer) WatchOrderRejected(opts *bind.WatchOpts, sink chan<- *EcdsaBaselineOrderRejected, orderId [][32]byte, provider []common.Address, client []common.Address) (event.Subscription, error) {

	var orderIdRule []interface{}
	for _, orderIdItem := range orderId {
		orderIdRule = append(orderIdRule, orderIdItem)
	}
	var providerRule []interface{}
	for _, providerItem := range provider {
		providerRule = append(providerRule, providerItem)
	}
	var clientRule []interface{}
	for _, clientItem := range client {
		clientRule = append(clientRule, clientItem)
	}

	logs, sub, err := _EcdsaBaseline.contract.WatchLogs(opts, "OrderRejected", orderIdRule, providerRule, clientRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(EcdsaBaselineOrderRejected)
				if err := _EcdsaBaseline.contract.UnpackLog(event, "OrderRejected", log); err != nil {
					// If the signature doesn't match, skip this log.
					if errors.Is(err, bind.ErrEventSignatureMismatch) {
						continue
					}
					return err
				}
				event.Raw = log

				select {
				case sink <- event:
				case err := <-sub.Err():
					return err
				case <-quit:
					return nil
				}
			case err := <-sub.Err():
				return err
			case <-quit:
				return nil
			}
		}
	}), nil
}

// ParseOrderRejected is a log parse operation binding the contract event 0x517981e7f72086402a449dc03ebee382bc209c4779c2f6f0c2fe773e6d195804.
//
// Solidity: event OrderRejected(bytes32 indexed orderId, address indexed provider, address indexed client, uint256 refund, string reason)
func (_EcdsaBaseline *EcdsaBaselineFilterer) ParseOrderRejected(log types.Log) (*EcdsaBaselineOrderRejected, error) {
	event := new(EcdsaBaselineOrderRejected)
	if err := _EcdsaBaseline.contract.UnpackLog(event, "OrderRejected", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// EcdsaBaselineOrderReleasedIterator is returned from FilterOrderReleased and is used to iterate over the raw logs and unpacked data for OrderReleased events raised by the EcdsaBaseline contract.
type EcdsaBaselineOrderReleasedIterator struct {
	Event *EcdsaBaselineOrderReleased // Event containing the contract specifics and raw log

	contract *bind.BoundContract // Generic contract to use for unpacking event data
	event    string              // Event name to use for unpacking event data

	logs chan types.Log        // Log channel receiving the found contract events
	sub  ethereum.Subscription // Subscription for errors, completion and termination
	done bool                  // Whether the subscription completed delivering logs
	fail error                 // Occurred error to stop iteration
}

// Next advances the iterator to the subsequent event, returning whether there
// are any more events found. In case of a retrieval or parsing error, false is
// returned and Error() can be queried for the exact failure.
func (it *EcdsaBaselineOrderReleasedIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(EcdsaBaselineOrderReleased)
			if err := it.contract.UnpackLog(it.Event, it.event, log); err != nil {
				it.fail = err
				return false
			}
			it.Event.Raw = log
			return true

		default:
			return false
		}
	}
	// Iterator still in progress, wait for either a data or an error event
	select {
	case log := <-it.logs:
		it.Event = new(EcdsaBaselineOrderReleased)
		if err := it.contract.UnpackLog(it.Event, it.event, log); err != nil {
			it.fail = err
			return false
		}
		it.Event.Raw = log
		return true

	case err := <-it.sub.Err():
		it.done = true
		it.fail = err
		return it.Next()
	}
}

// Error returns any retrieval or parsing error occurred during filtering.
func (it *EcdsaBaselineOrderReleasedIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *EcdsaBaselineOrderReleasedIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// EcdsaBaselineOrderReleased represents a OrderReleased event raised by the EcdsaBaseline contract.
type EcdsaBaselineOrderReleased struct {
	OrderId  [32]byte
	Provider common.Address
	Client   common.Address
	Refund   *big.Int
	Reason   string
	Raw      types.Log // Blockchain specific contextual infos
}

// FilterOrderReleased is a free log retrieval operation binding the contract event 0x11b9530755649f60ddffaf1ddb38cb8e8bb5e79a3970ad431434bc90edd1d121.
//
// Solidity: event OrderReleased(bytes32 indexed orderId, address indexed provider, address indexed client, uint256 refund, string reason)
func (_EcdsaBaseline *EcdsaBaselineFilterer) FilterOrderReleased(opts *bind.FilterOpts, orderId [][32]byte, provider []common.Address, client []common.Address) (*EcdsaBaselineOrderReleasedIterator, error) {

	var orderIdRule []interface{}
	for _, orderIdItem := range orderId {
		orderIdRule = append(orderIdRule, orderIdItem)
	}
	var providerRule []interface{}
	for _, providerItem := range provider {
		providerRule = append(providerRule, providerItem)
	}
	var clientRule []interface{}
	for _, clientItem := range client {
		clientRule = append(clientRule, clientItem)
	}

	logs, sub, err := _EcdsaBaseline.contract.FilterLogs(opts, "OrderReleased", orderIdRule, providerRule, clientRule)
	if err != nil {
		return nil, err
	}
	return &EcdsaBaselineOrderReleasedIterator{contract: _EcdsaBaseline.contract, event: "OrderReleased", logs: logs, sub: sub}, nil
}

// WatchOrderReleased is a free log subscription operation binding the contract event 0x11b9530755649f60ddffaf1ddb38cb8e8bb5e79a3970ad431434bc90edd1d121.
//
// Solidity: event OrderReleased(bytes32 indexed orderId, address indexed provider, address indexed client, uint256 refund, string reason)
func (_EcdsaBaseline *EcdsaBaselineFilterer) WatchOrderReleased(opts *bind.WatchOpts, sink chan<- *EcdsaBaselineOrderReleased, orderId [][32]byte, provider []common.Address, client []common.Address) (event.Subscription, error) {

	var orderIdRule []interface{}
	for _, orderIdItem := range orderId {
		orderIdRule = append(orderIdRule, orderIdItem)
	}
	var providerRule []interface{}
	for _, providerItem := range provider {
		providerRule = append(providerRule, providerItem)
	}
	var clientRule []interface{}
	for _, clientItem := range client {
		clientRule = append(clientRule, clientItem)
	}

	logs, sub, err := _EcdsaBaseline.contract.WatchLogs(opts, "OrderReleased", orderIdRule, providerRule, clientRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(EcdsaBaselineOrderReleased)
				if err := _EcdsaBaseline.contract.UnpackLog(event, "OrderReleased", log); err != nil {
					// If the signature doesn't match, skip this log.
					if errors.Is(err, bind.ErrEventSignatureMismatch) {
						continue
					}
					return err
				}
				event.Raw = log

				select {
				case sink <- event:
				case err := <-sub.Err():
					return err
				case <-quit:
					return nil
				}
			case err := <-sub.Err():
				return err
			case <-quit:
				return nil
			}
		}
	}), nil
}

// ParseOrderReleased is a log parse operation binding the contract event 0x11b9530755649f60ddffaf1ddb38cb8e8bb5e79a3970ad431434bc90edd1d121.
//
// Solidity: event OrderReleased(bytes32 indexed orderId, address indexed provider, address indexed client, uint256 refund, string reason)
func (_EcdsaBaseline *EcdsaBaselineFilterer) ParseOrderReleased(log types.Log) (*EcdsaBaselineOrderReleased, error) {
	event := new(EcdsaBaselineOrderReleased)
	if err := _EcdsaBaseline.contract.UnpackLog(event, "OrderReleased", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// EcdsaBaselineOrderSettledIterator is returned from FilterOrderSettled and is used to iterate over the raw logs and unpacked data for OrderSettled events raised by the EcdsaBaseline contract.
type EcdsaBaselineOrderSettledIterator struct {
	Event *EcdsaBaselineOrderSettled // Event containing the contract specifics and raw log

	contract *bind.BoundContract // Generic contract to use for unpacking event data
	event    string              // Event name to use for unpacking event data

	logs chan types.Log        // Log channel receiving the found contract events
	sub  ethereum.Subscription // Subscription for errors, completion and termination
	done bool                  // Whether the subscription completed delivering logs
	fail error                 // Occurred error to stop iteration
}

// Next advances the iterator to the subsequent event, returning whether there
// are any more events found. In case of a retrieval or parsing error, false is
// returned and Error() can be queried for the exact failure.
func (it *EcdsaBaselineOrderSettledIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(EcdsaBaselineOrderSettled)
			if err := it.contract.UnpackLog(it.Event, it.event, log); err != nil {
				it.fail = err
				return false
			}
			it.Event.Raw = log
			return true

		default:
			return false
		}
	}
	// Iterator still in progress, wait for either a data or an error event
	select {
	case log := <-it.logs:
		it.Event = new(EcdsaBaselineOrderSettled)
		if err := it.contract.UnpackLog(it.Event, it.event, log); err != nil {
			it.fail = err
			return false
		}
		it.Event.Raw = log
		return true

	case err := <-it.sub.Err():
		it.done = true
		it.fail = err
		return it.Next()
	}
}

// Error returns any retrieval or parsing error occurred during filtering.
func (it *EcdsaBaselineOrderSettledIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *EcdsaBaselineOrderSettledIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// EcdsaBaselineOrderSettled represents a OrderSettled event raised by the EcdsaBaseline contract.
type EcdsaBaselineOrderSettled struct {
	OrderId  [32]byte
	Provider common.Address
	Client   common.Address
	Paid     *big.Int
	Refund   *big.Int
	Raw      types.Log // Blockchain specific contextual infos
}

// FilterOrderSettled is a free log retrieval operation binding the contract event 0xf1a18174159cadee05d8373ddc133a93dfe6f9d290fead86fbeaf94888e9a250.
//
// Solidity: event OrderSettled(bytes32 indexed orderId, address indexed provider, address indexed client, uint256 paid, uint256 refund)
func (_EcdsaBaseline *EcdsaBaselineFilterer) FilterOrderSettled(opts *bind.FilterOpts, orderId [][32]byte, provider []common.Address, client []common.Address) (*EcdsaBaselineOrderSettledIterator, error) {

	var orderIdRule []interface{}
	for _, orderIdItem := range orderId {
		orderIdRule = append(orderIdRule, orderIdItem)
	}
	var providerRule []interface{}
	for _, providerItem := range provider {
		providerRule = append(providerRule, providerItem)
	}
	var clientRule []interface{}
	for _, clientItem := range client {
		clientRule = append(clientRule, clientItem)
	}

	logs, sub, err := _EcdsaBaseline.contract.FilterLogs(opts, "OrderSettled", orderIdRule, providerRule, clientRule)
	if err != nil {
		return nil, err
	}
	return &EcdsaBaselineOrderSettledIterator{contract: _EcdsaBaseline.contract, event: "OrderSettled", logs: logs, sub: sub}, nil
}

// WatchOrderSettled is a free log subscription operation binding the contract event 0xf1a18174159cadee05d8373ddc133a93dfe6f9d290fead86fbeaf94888e9a250.
//
// Solidity: event OrderSettled(bytes32 indexed orderId, address indexed provider, address indexed client, uint256 paid, uint256 refund)
func (_EcdsaBaseline *EcdsaBaselineFilterer) WatchOrderSettled(opts *bind.WatchOpts, sink chan<- *EcdsaBaselineOrderSettled, orderId [][32]byte, provider []common.Address, client []common.Address) (event.Subscription, error) {

	var orderIdRule []interface{}
	for _, orderIdItem := range orderId {
		orderIdRule = append(orderIdRule, orderIdItem)
	}
	var providerRule []interface{}
	for _, providerItem := range provider {
		providerRule = append(providerRule, providerItem)
	}
	var clientRule []interface{}
	for _, clientItem := range client {
		clientRule = append(clientRule, clientItem)
	}

	logs, sub, err := _EcdsaBaseline.contract.WatchLogs(opts, "OrderSettled", orderIdRule, providerRule, clientRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(EcdsaBaselineOrderSettled)
				if err := _EcdsaBaseline.contract.UnpackLog(event, "OrderSettled", log); err != nil {
					// If the signature doesn't match, skip this log.
					if errors.Is(err, bind.ErrEventSignatureMismatch) {
						continue
					}
					return err
				}
				event.Raw = log

				select {
				case sink <- event:
				case err := <-sub.Err():
					return err
				case <-quit:
					return nil
				}
			case err := <-sub.Err():
				return err
			case <-quit:
				return nil
			}
		}
	}), nil
}

// ParseOrderSettled is a log parse operation binding the contract event 0xf1a18174159cadee05d8373ddc133a93dfe6f9d290fead86fbeaf94888e9a250.
//
// Solidity: event OrderSettled(bytes32 indexed orderId, address indexed provider, address indexed client, uint256 paid, uint256 refund)
func (_EcdsaBaseline *EcdsaBaselineFilterer) ParseOrderSettled(log types.Log) (*EcdsaBaselineOrderSettled, error) {
	event := new(EcdsaBaselineOrderSettled)
	if err := _EcdsaBaseline.contract.UnpackLog(event, "OrderSettled", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// EcdsaBaselineProviderRatedIterator is returned from FilterProviderRated and is used to iterate over the raw logs and unpacked data for ProviderRated events raised by the EcdsaBaseline contract.
type EcdsaBaselineProviderRatedIterator struct {
	Event *EcdsaBaselineProviderRated // Event containing the contract specifics and raw log

	contract *bind.BoundContract // Generic contract to use for unpacking event data
	event    string              // Event name to use for unpacking event data

	logs chan types.Log        // Log channel receiving the found contract events
	sub  ethereum.Subscription // Subscription for errors, completion and termination
	done bool                  // Whether the subscription completed delivering logs
	fail error                 // Occurred error to stop iteration
}

// Next advances the iterator to the subsequent event, returning whether there
// are any more events found. In case of a retrieval or parsing error, false is
// returned and Error() can be queried for the exact failure.
func (it *EcdsaBaselineProviderRatedIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(EcdsaBaselineProviderRated)
			if err := it.contract.UnpackLog(it.Event, it.event, log); err != nil {
				it.fail = err
				return false
			}
			it.Event.Raw = log
			return true

		default:
			return false
		}
	}
	// Iterator still in progress, wait for either a data or an error event
	select {
	case log := <-it.logs:
		it.Event = new(EcdsaBaselineProviderRated)
		if err := it.contract.UnpackLog(it.Event, it.event, log); err != nil {
			it.fail = err
			return false
		}
		it.Event.Raw = log
		return true

	case err := <-it.sub.Err():
		it.done = true
		it.fail = err
		return it.Next()
	}
}

// Error returns any retrieval or parsing error occurred during filtering.
func (it *EcdsaBaselineProviderRatedIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *EcdsaBaselineProviderRatedIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// EcdsaBaselineProviderRated represents a ProviderRated event raised by the EcdsaBaseline contract.
type EcdsaBaselineProviderRated struct {
	OrderId  [32]byte
	Provider common.Address
	Client   common.Address
	Score    uint8
	Raw      types.Log // Blockchain specific contextual infos
}

// FilterProviderRated is a free log retrieval operation binding the contract event 0x4b72568b639a1c93aab1aacf9bd1fb480021b2bbc5cdbcc3ade01f6b754667d4.
//
// Solidity: event ProviderRated(bytes32 indexed orderId, address indexed provider, address indexed client, uint8 score)
func (_EcdsaBaseline *EcdsaBaselineFilterer) FilterProviderRated(opts *bind.FilterOpts, orderId [][32]byte, provider []common.Address, client []common.Address) (*EcdsaBaselineProviderRatedIterator, error) {

	var orderIdRule []interface{}
	for _, orderIdItem := range orderId {
		orderIdRule = append(orderIdRule, orderIdItem)
	}
	var providerRule []interface{}
	for _, providerItem := range provider {
		providerRule = append(providerRule, providerItem)
	}
	var clientRule []interface{}
	for _, clientItem := range client {
		clientRule = append(clientRule, clientItem)
	}

	logs, sub, err := _EcdsaBaseline.contract.FilterLogs(opts, "ProviderRated", orderIdRule, providerRule, clientRule)
	if err != nil {
		return nil, err
	}
	return &EcdsaBaselineProviderRatedIterator{contract: _EcdsaBaseline.contract, event: "ProviderRated", logs: logs, sub: sub}, nil
}

// WatchProviderRated is a free log subscription operation binding the contract event 0x4b72568b639a1c93aab1aacf9bd1fb480021b2bbc5cdbcc3ade01f6b754667d4.
//
// Solidity: event ProviderRated(bytes32 indexed orderId, address indexed provider, address indexed client, uint8 score)
func (_EcdsaBaseline *EcdsaBaselineFilterer) WatchProviderRated(opts *bind.WatchOpts, sink chan<- *EcdsaBaselineProviderRated, orderId [][32]byte, provider []common.Address, client []common.Address) (event.Subscription, error) {

	var orderIdRule []interface{}
	for _, orderIdItem := range orderId {
		orderIdRule = append(orderIdRule, orderIdItem)
	}
	var providerRule []interface{}
	for _, providerItem := range provider {
		providerRule = append(providerRule, providerItem)
	}
	var clientRule []interface{}
	for _, clientItem := range client {
		clientRule = append(clientRule, clientItem)
	}

	logs, sub, err := _EcdsaBaseline.contract.WatchLogs(opts, "ProviderRated", orderIdRule, providerRule, clientRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(EcdsaBaselineProviderRated)
				if err := _EcdsaBaseline.contract.UnpackLog(event, "ProviderRated", log); err != nil {
					// If the signature doesn't match, skip this log.
					if errors.Is(err, bind.ErrEventSignatureMismatch) {
						continue
					}
					return err
				}
				event.Raw = log

				select {
				case sink <- event:
				case err := <-sub.Err():
					return err
				case <-quit:
					return nil
				}
			case err := <-sub.Err():
				return err
			case <-quit:
				return nil
			}
		}
	}), nil
}

// ParseProviderRated is a log parse operation binding the contract event 0x4b72568b639a1c93aab1aacf9bd1fb480021b2bbc5cdbcc3ade01f6b754667d4.
//
// Solidity: event ProviderRated(bytes32 indexed orderId, address indexed provider, address indexed client, uint8 score)
func (_EcdsaBaseline *EcdsaBaselineFilterer) ParseProviderRated(log types.Log) (*EcdsaBaselineProviderRated, error) {
	event := new(EcdsaBaselineProviderRated)
	if err := _EcdsaBaseline.contract.UnpackLog(event, "ProviderRated", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// EcdsaBaselineProviderRegisteredIterator is returned from FilterProviderRegistered and is used to iterate over the raw logs and unpacked data for ProviderRegistered events raised by the EcdsaBaseline contract.
type EcdsaBaselineProviderRegisteredIterator struct {
	Event *EcdsaBaselineProviderRegistered // Event containing the contract specifics and raw log

	contract *bind.BoundContract // Generic contract to use for unpacking event data
	event    string              // Event name to use for unpacking event data

	logs chan types.Log        // Log channel receiving the found contract events
	sub  ethereum.Subscription // Subscription for errors, completion and termination
	done bool                  // Whether the subscription completed delivering logs
	fail error                 // Occurred error to stop iteration
}

// Next advances the iterator to the subsequent event, returning whether there
// are any more events found. In case of a retrieval or parsing error, false is
// returned and Error() can be queried for the exact failure.
func (it *EcdsaBaselineProviderRegisteredIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(EcdsaBaselineProviderRegistered)
			if err := it.contract.UnpackLog(it.Event, it.event, log); err != nil {
				it.fail = err
				return false
			}
			it.Event.Raw = log
			return true

		default:
			return false
		}
	}
	// Iterator still in progress, wait for either a data or an error event
	select {
	case log := <-it.logs:
		it.Event = new(EcdsaBaselineProviderRegistered)
		if err := it.contract.UnpackLog(it.Event, it.event, log); err != nil {
			it.fail = err
			return false
		}
		it.Event.Raw = log
		return true

	case err := <-it.sub.Err():
		it.done = true
		it.fail = err
		return it.Next()
	}
}

// Error returns any retrieval or parsing error occurred during filtering.
func (it *EcdsaBaselineProviderRegisteredIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *EcdsaBaselineProviderRegisteredIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// EcdsaBaselineProviderRegistered represents a ProviderRegistered event raised by the EcdsaBaseline contract.
type EcdsaBaselineProviderRegistered struct {
	Provider           common.Address
	MinerId            string
	Endpoint           string
	HostKeyFingerprint [32]byte
	Metadata           string
	Raw                types.Log // Blockchain specific contextual infos
}

// FilterProviderRegistered is a free log retrieval operation binding the contract event 0xf028af23cf45cc8d6770bcef29fe627ceda765793fc747dcfd6c66ebc1d3ab69.
//
// Solidity: event ProviderRegistered(address indexed provider, string minerId, string endpoint, bytes32 hostKeyFingerprint, string metadata)
func (_EcdsaBaseline *EcdsaBaselineFilterer) FilterProviderRegistered(opts *bind.FilterOpts, provider []common.Address) (*EcdsaBaselineProviderRegisteredIterator, error) {

	var providerRule []interface{}
	for _, providerItem := range provider {
		providerRule = append(providerRule, providerItem)
	}

	logs, sub, err := _EcdsaBaseline.contract.FilterLogs(opts, "ProviderRegistered", providerRule)
	if err != nil {
		return nil, err
	}
	return &EcdsaBaselineProviderRegisteredIterator{contract: _EcdsaBaseline.contract, event: "ProviderRegistered", logs: logs, sub: sub}, nil
}

// WatchProviderRegistered is a free log subscription operation binding the contract event 0xf028af23cf45cc8d6770bcef29fe627ceda765793fc747dcfd6c66ebc1d3ab69.
//
// Solidity: event ProviderRegistered(address indexed provider, string minerId, string endpoint, bytes32 hostKeyFingerprint, string metadata)
func (_EcdsaBaseline *EcdsaBaselineFilterer) WatchProviderRegistered(opts *bind.WatchOpts, sink chan<- *EcdsaBaselineProviderRegistered, provider []common.Address) (event.Subscription, error) {

	var providerRule []interface{}
	for _, providerItem := range provider {
		providerRule = append(providerRule, providerItem)
	}

	logs, sub, err := _EcdsaBaseline.contract.WatchLogs(opts, "ProviderRegistered", providerRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(EcdsaBaselineProviderRegistered)
				if err := _EcdsaBaseline.contract.UnpackLog(event, "ProviderRegistered", log); err != nil {
					// If the signature doesn't match, skip this log.
					if errors.Is(err, bind.ErrEventSignatureMismatch) {
						continue
					}
					return err
				}
				event.Raw = log

				select {
				case sink <- event:
				case err := <-sub.Err():
					return err
				case <-quit:
					return nil
				}
			case err := <-sub.Err():
				return err
			case <-quit:
				return nil
			}
		}
	}), nil
}

// ParseProviderRegistered is a log parse operation binding the contract event 0xf028af23cf45cc8d6770bcef29fe627ceda765793fc747dcfd6c66ebc1d3ab69.
//
// Solidity: event ProviderRegistered(address indexed provider, string minerId, string endpoint, bytes32 hostKeyFingerprint, string metadata)
func (_EcdsaBaseline *EcdsaBaselineFilterer) ParseProviderRegistered(log types.Log) (*EcdsaBaselineProviderRegistered, error) {
	event := new(EcdsaBaselineProviderRegistered)
	if err := _EcdsaBaseline.contract.UnpackLog(event, "ProviderRegistered", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// EcdsaBaselineProviderUpdatedIterator is returned from FilterProviderUpdated and is used to iterate over the raw logs and unpacked data for ProviderUpdated events raised by the EcdsaBaseline contract.
type EcdsaBaselineProviderUpdatedIterator struct {
	Event *EcdsaBaselineProviderUpdated // Event containing the contract specifics and raw log

	contract *bind.BoundContract // Generic contract to use for unpacking event data
	event    string              // Event name to use for unpacking event data

	logs chan types.Log        // Log channel receiving the found contract events
	sub  ethereum.Subscription // Subscription for errors, completion and termination
	done bool                  // Whether the subscription completed delivering logs
	fail error                 // Occurred error to stop iteration
}

// Next advances the iterator to the subsequent event, returning whether there
// are any more events found. In case of a retrieval or parsing error, false is
// returned and Error() can be queried for the exact failure.
func (it *EcdsaBaselineProviderUpdatedIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(EcdsaBaselineProviderUpdated)
			if err := it.contract.UnpackLog(it.Event, it.event, log); err != nil {
				it.fail = err
				return false
			}
			it.Event.Raw = log
			return true

		default:
			return false
		}
	}
	// Iterator still in progress, wait for either a data or an error event
	select {
	case log := <-it.logs:
		it.Event = new(EcdsaBaselineProviderUpdated)
		if err := it.contract.UnpackLog(it.Event, it.event, log); err != nil {
			it.fail = err
			return false
		}
		it.Event.Raw = log
		return true

	case err := <-it.sub.Err():
		it.done = true
		it.fail = err
		return it.Next()
	}
}

// Error returns any retrieval or parsing error occurred during filtering.
func (it *EcdsaBaselineProviderUpdatedIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *EcdsaBaselineProviderUpdatedIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// EcdsaBaselineProviderUpdated represents a ProviderUpdated event raised by the EcdsaBaseline contract.
type EcdsaBaselineProviderUpdated struct {
	Provider           common.Address
	Endpoint           string
	HostKeyFingerprint [32]byte
	Metadata           string
	Raw                types.Log // Blockchain specific contextual infos
}

// FilterProviderUpdated is a free log retrieval operation binding the contract event 0xd404a039955f9cc4fad5a21f105fc9589544a16bbc7ac78920fff84028ab7bad.
//
// Solidity: event ProviderUpdated(address indexed provider, string endpoint, bytes32 hostKeyFingerprint, string metadata)
func (_EcdsaBaseline *EcdsaBaselineFilterer) FilterProviderUpdated(opts *bind.FilterOpts, provider []common.Address) (*EcdsaBaselineProviderUpdatedIterator, error) {

	var providerRule []interface{}
	for _, providerItem := range provider {
		providerRule = append(providerRule, providerItem)
	}

	logs, sub, err := _EcdsaBaseline.contract.FilterLogs(opts, "ProviderUpdated", providerRule)
	if err != nil {
		return nil, err
	}
	return &EcdsaBaselineProviderUpdatedIterator{contract: _EcdsaBaseline.contract, event: "ProviderUpdated", logs: logs, sub: sub}, nil
}

// WatchProviderUpdated is a free log subscription operation binding the contract event 0xd404a039955f9cc4fad5a21f105fc9589544a16bbc7ac78920fff84028ab7bad.
//
// Solidity: event ProviderUpdated(address indexed provider, string endpoint, bytes32 hostKeyFingerprint, string metadata)
func (_EcdsaBaseline *EcdsaBaselineFilterer) WatchProviderUpdated(opts *bind.WatchOpts, sink chan<- *EcdsaBaselineProviderUpdated, provider []common.Address) (event.Subscription, error) {

	var providerRule []interface{}
	for _, providerItem := range provider {
		providerRule = append(providerRule, providerItem)
	}

	logs, sub, err := _EcdsaBaseline.contract.WatchLogs(opts, "ProviderUpdated", providerRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(EcdsaBaselineProviderUpdated)
				if err := _EcdsaBaseline.contract.UnpackLog(event, "ProviderUpdated", log); err != nil {
					// If the signature doesn't match, skip this log.
					if errors.Is(err, bind.ErrEventSignatureMismatch) {
						continue
					}
					return err
				}
				event.Raw = log

				select {
				case sink <- event:
				case err := <-sub.Err():
					return err
				case <-quit:
					return nil
				}
			case err := <-sub.Err():
				return err
			case <-quit:
				return nil
			}
		}
	}), nil
}

// ParseProviderUpdated is a log parse operation binding the contract event 0xd404a039955f9cc4fad5a21f105fc9589544a16bbc7ac78920fff84028ab7bad.
//
// Solidity: event ProviderUpdated(address indexed provider, string endpoint, bytes32 hostKeyFingerprint, string metadata)
func (_EcdsaBaseline *EcdsaBaselineFilterer) ParseProviderUpdated(log types.Log) (*EcdsaBaselineProviderUpdated, error) {
	event := new(EcdsaBaselineProviderUpdated)
	if err := _EcdsaBaseline.contract.UnpackLog(event, "ProviderUpdated", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// EcdsaBaselineWithdrawnIterator is returned from FilterWithdrawn and is used to iterate over the raw logs and unpacked data for Withdrawn events raised by the EcdsaBaseline contract.
type EcdsaBaselineWithdrawnIterator struct {
	Event *EcdsaBaselineWithdrawn // Event containing the contract specifics and raw log

	contract *bind.BoundContract // Generic contract to use for unpacking event data
	event    string              // Event name to use for unpacking event data

	logs chan types.Log        // Log channel receiving the found contract events
	sub  ethereum.Subscription // Subscription for errors, completion and termination
	done bool                  // Whether the subscription completed delivering logs
	fail error                 // Occurred error to stop iteration
}

// Next advances the iterator to the subsequent event, returning whether there
// are any more events found. In case of a retrieval or parsing error, false is
// returned and Error() can be queried for the exact failure.
func (it *EcdsaBaselineWithdrawnIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(EcdsaBaselineWithdrawn)
			if err := it.contract.UnpackLog(it.Event, it.event, log); err != nil {
				it.fail = err
				return false
			}
			it.Event.Raw = log
			return true

		default:
			return false
		}
	}
	// Iterator still in progress, wait for either a data or an error event
	select {
	case log := <-it.logs:
		it.Event = new(EcdsaBaselineWithdrawn)
		if err := it.contract.UnpackLog(it.Event, it.event, log); err != nil {
			it.fail = err
			return false
		}
		it.Event.Raw = log
		return true

	case err := <-it.sub.Err():
		it.done = true
		it.fail = err
		return it.Next()
	}
}

// Error returns any retrieval or parsing error occurred during filtering.
func (it *EcdsaBaselineWithdrawnIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *EcdsaBaselineWithdrawnIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// EcdsaBaselineWithdrawn represents a Withdrawn event raised by the EcdsaBaseline contract.
type EcdsaBaselineWithdrawn struct {
	Account common.Address
	Amount  *big.Int
	Raw     types.Log // Blockchain specific contextual infos
}

// FilterWithdrawn is a free log retrieval operation binding the contract event 0x7084f5476618d8e60b11ef0d7d3f06914655adb8793e28ff7f018d4c76d505d5.
//
// Solidity: event Withdrawn(address indexed account, uint256 amount)
func (_EcdsaBaseline *EcdsaBaselineFilterer) FilterWithdrawn(opts *bind.FilterOpts, account []common.Address) (*EcdsaBaselineWithdrawnIterator, error) {

	var accountRule []interface{}
	for _, accountItem := range account {
		accountRule = append(accountRule, accountItem)
	}

	logs, sub, err := _EcdsaBaseline.contract.FilterLogs(opts, "Withdrawn", accountRule)
	if err != nil {
		return nil, err
	}
	return &EcdsaBaselineWithdrawnIterator{contract: _EcdsaBaseline.contract, event: "Withdrawn", logs: logs, sub: sub}, nil
}

// WatchWithdrawn is a free log subscription operation binding the contract event 0x7084f5476618d8e60b11ef0d7d3f06914655adb8793e28ff7f018d4c76d505d5.
//
// Solidity: event Withdrawn(address indexed account, uint256 amount)
func (_EcdsaBaseline *EcdsaBaselineFilterer) WatchWithdrawn(opts *bind.WatchOpts, sink chan<- *EcdsaBaselineWithdrawn, account []common.Address) (event.Subscription, error) {

	var accountRule []interface{}
	for _, accountItem := range account {
		accountRule = append(accountRule, accountItem)
	}

	logs, sub, err := _EcdsaBaseline.contract.WatchLogs(opts, "Withdrawn", accountRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(EcdsaBaselineWithdrawn)
				if err := _EcdsaBaseline.contract.UnpackLog(event, "Withdrawn", log); err != nil {
					// If the signature doesn't match, skip this log.
					if errors.Is(err, bind.ErrEventSignatureMismatch) {
						continue
					}
					return err
				}
				event.Raw = log

				select {
				case sink <- event:
				case err := <-sub.Err():
					return err
				case <-quit:
					return nil
				}
			case err := <-sub.Err():
				return err
			case <-quit:
				return nil
			}
		}
	}), nil
}

// ParseWithdrawn is a log parse operation binding the contract event 0x7084f5476618d8e60b11ef0d7d3f06914655adb8793e28ff7f018d4c76d505d5.
//
// Solidity: event Withdrawn(address indexed account, uint256 amount)
func (_EcdsaBaseline *EcdsaBaselineFilterer) ParseWithdrawn(log types.Log) (*EcdsaBaselineWithdrawn, error) {
	event := new(EcdsaBaselineWithdrawn)
	if err := _EcdsaBaseline.contract.UnpackLog(event, "Withdrawn", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}
