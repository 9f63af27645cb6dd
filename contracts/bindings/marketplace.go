// Code generated - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package bindings

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

// MarketplaceMetaData contains all meta data concerning the Marketplace contract.
var MarketplaceMetaData = &bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"batchSize_\",\"type\":\"uint256\"},{\"internalType\":\"contractISettlementVerifier\",\"name\":\"verifier_\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"settleWindow_\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"minCollateral_\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"}],\"name\":\"AlreadyRated\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"}],\"name\":\"AlreadyRegistered\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"}],\"name\":\"AlreadySettled\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"length\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amounts\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"batchSize\",\"type\":\"uint256\"}],\"name\":\"BadBatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"deadline\",\"type\":\"uint256\"}],\"name\":\"DeadlinePassed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"escrow\",\"type\":\"uint256\"}],\"name\":\"EscrowExceeded\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"expected\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"got\",\"type\":\"uint256\"}],\"name\":\"EscrowMismatch\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"FailedCall\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"balance\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"needed\",\"type\":\"uint256\"}],\"name\":\"InsufficientBalance\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"minimum\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"got\",\"type\":\"uint256\"}],\"name\":\"InsufficientCollateral\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidConfig\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidProof\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidRegistration\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint8\",\"name\":\"score\",\"type\":\"uint8\"}],\"name\":\"InvalidScore\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidTerms\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"minerId\",\"type\":\"string\"}],\"name\":\"MinerIdTaken\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"}],\"name\":\"NotClient\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"}],\"name\":\"NotProvider\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"}],\"name\":\"NotRegistered\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"NothingToWithdraw\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"}],\"name\":\"OrderExists\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"basis\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"minimum\",\"type\":\"uint256\"}],\"name\":\"RatingUnpaid\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"length\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"maxLength\",\"type\":\"uint256\"}],\"name\":\"ReasonTooLong\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ReentrancyGuardReentrantCall\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint8\",\"name\":\"bits\",\"type\":\"uint8\"},{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"SafeCastOverflowedUintDowncast\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"deadline\",\"type\":\"uint256\"}],\"name\":\"TooEarly\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"}],\"name\":\"UnknownOrder\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"minerId\",\"type\":\"string\"}],\"name\":\"UnknownProvider\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"},{\"internalType\":\"enumMarketplace.State\",\"name\":\"state\",\"type\":\"uint8\"}],\"name\":\"WrongState\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroOrderId\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"count\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"commitment\",\"type\":\"uint256\"}],\"name\":\"BatchSettled\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"string\",\"name\":\"cid\",\"type\":\"string\"}],\"name\":\"DatasetAnnounced\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"string\",\"name\":\"cid\",\"type\":\"string\"}],\"name\":\"DatasetRetracted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"string\",\"name\":\"endpoint\",\"type\":\"string\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"startedAt\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"endTime\",\"type\":\"uint64\"}],\"name\":\"LeaseStarted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"client\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"endTime\",\"type\":\"uint64\"}],\"name\":\"LeaseTerminated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"collateral\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"endTime\",\"type\":\"uint64\"}],\"name\":\"OrderAccepted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"client\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"refund\",\"type\":\"uint256\"}],\"name\":\"OrderCancelled\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"client\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"string\",\"name\":\"minerId\",\"type\":\"string\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"paymentKey\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"priceAmount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"pricePeriod\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"duration\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"escrow\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes\",\"name\":\"spec\",\"type\":\"bytes\"}],\"name\":\"OrderCreated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"client\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"OrderReclaimed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"client\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"refund\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"string\",\"name\":\"reason\",\"type\":\"string\"}],\"name\":\"OrderRejected\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"client\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"refund\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"string\",\"name\":\"reason\",\"type\":\"string\"}],\"name\":\"OrderReleased\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"client\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"paid\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"refund\",\"type\":\"uint256\"}],\"name\":\"OrderSettled\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"client\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint8\",\"name\":\"score\",\"type\":\"uint8\"}],\"name\":\"ProviderRated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"string\",\"name\":\"minerId\",\"type\":\"string\"},{\"indexed\":false,\"internalType\":\"string\",\"name\":\"endpoint\",\"type\":\"string\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"hostKeyFingerprint\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"string\",\"name\":\"metadata\",\"type\":\"string\"}],\"name\":\"ProviderRegistered\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"string\",\"name\":\"endpoint\",\"type\":\"string\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"hostKeyFingerprint\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"string\",\"name\":\"metadata\",\"type\":\"string\"}],\"name\":\"ProviderUpdated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Withdrawn\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"MAX_REASON_BYTES\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MIN_RATED_SECONDS\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"}],\"name\":\"acceptOrder\",\"outputs\":[],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"string[]\",\"name\":\"cids\",\"type\":\"string[]\"}],\"name\":\"announceDatasets\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"name\":\"balances\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"batchSize\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"}],\"name\":\"cancelOrder\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"},{\"internalType\":\"string\",\"name\":\"provider\",\"type\":\"string\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"paymentKey\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"priceAmount\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"pricePeriod\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"duration\",\"type\":\"uint64\"},{\"internalType\":\"bytes\",\"name\":\"spec\",\"type\":\"bytes\"}],\"name\":\"createOrder\",\"outputs\":[],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"}],\"name\":\"earned\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"}],\"name\":\"getOrder\",\"outputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"client\",\"type\":\"address\"},{\"internalType\":\"enumMarketplace.State\",\"name\":\"state\",\"type\":\"uint8\"},{\"internalType\":\"bool\",\"name\":\"rated\",\"type\":\"bool\"},{\"internalType\":\"uint64\",\"name\":\"pricePeriod\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"duration\",\"type\":\"uint64\"},{\"internalType\":\"uint128\",\"name\":\"priceAmount\",\"type\":\"uint128\"},{\"internalType\":\"uint128\",\"name\":\"escrow\",\"type\":\"uint128\"},{\"internalType\":\"uint128\",\"name\":\"collateral\",\"type\":\"uint128\"},{\"internalType\":\"uint128\",\"name\":\"paid\",\"type\":\"uint128\"},{\"internalType\":\"uint64\",\"name\":\"acceptedAt\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"startedAt\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"endTime\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"paymentKey\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"}],\"internalType\":\"structMarketplace.Order\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"}],\"name\":\"getProvider\",\"outputs\":[{\"components\":[{\"internalType\":\"string\",\"name\":\"minerId\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"endpoint\",\"type\":\"string\"},{\"internalType\":\"bytes32\",\"name\":\"hostKeyFingerprint\",\"type\":\"bytes32\"},{\"internalType\":\"string\",\"name\":\"metadata\",\"type\":\"string\"},{\"internalType\":\"uint64\",\"name\":\"registeredAt\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"ratingSum\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"ratingCount\",\"type\":\"uint64\"}],\"internalType\":\"structMarketplace.Provider\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"minCollateral\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"name\":\"providerByMinerHash\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"},{\"internalType\":\"uint8\",\"name\":\"score\",\"type\":\"uint8\"}],\"name\":\"rate\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"}],\"name\":\"reclaim\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"minerId\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"endpoint\",\"type\":\"string\"},{\"internalType\":\"bytes32\",\"name\":\"hostKeyFingerprint\",\"type\":\"bytes32\"},{\"internalType\":\"string\",\"name\":\"metadata\",\"type\":\"string\"}],\"name\":\"registerProvider\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"},{\"internalType\":\"string\",\"name\":\"reason\",\"type\":\"string\"}],\"name\":\"rejectOrder\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"},{\"internalType\":\"string\",\"name\":\"reason\",\"type\":\"string\"}],\"name\":\"release\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"string[]\",\"name\":\"cids\",\"type\":\"string[]\"}],\"name\":\"retractDatasets\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32[]\",\"name\":\"orderIds\",\"type\":\"bytes32[]\"},{\"internalType\":\"uint256[]\",\"name\":\"amounts\",\"type\":\"uint256[]\"},{\"internalType\":\"bytes\",\"name\":\"proof\",\"type\":\"bytes\"}],\"name\":\"settleBatch\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"settleWindow\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"},{\"internalType\":\"string\",\"name\":\"endpoint\",\"type\":\"string\"}],\"name\":\"startLease\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderId\",\"type\":\"bytes32\"}],\"name\":\"terminate\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"endpoint\",\"type\":\"string\"},{\"internalType\":\"bytes32\",\"name\":\"hostKeyFingerprint\",\"type\":\"bytes32\"},{\"internalType\":\"string\",\"name\":\"metadata\",\"type\":\"string\"}],\"name\":\"updateProvider\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"verifier\",\"outputs\":[{\"internalType\":\"contractISettlementVerifier\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"withdraw\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	Bin: "0x6101003461010957601f612a3b38819003918201601f19168301916001600160401b0383118484101761010d5780849260809460405283398101031261010957805160208201516001600160a01b0381169291838203610109576040830151926001600160401b038416840361010957606001519360015f5581159081156100ff575b506100f05760805260a05260c05260e0526040516129199081610122823960805181818161031701526103b0015260a05181818161048e01526121dc015260c0518181816101a1015281816104290152818161130a0152612266015260e0518181816108e80152610c7d0152f35b6306b7c75960e31b5f5260045ffd5b90503b155f610082565b5f80fd5b634e487b7160e01b5f52604160045260245ffdfe60806040526004361015610011575f80fd5b5f5f3560e01c80631be25cef1461228a5780631c9963fa1461224757806327e235e31461220b5780632b7ac3f3146121c7578063397e222c146121475780633ccfd60b146120405780633cefc404146120245780634f4e00db14611f8c57806355f21eb714611e3c5780635778472a14611bbc5780635922bba214611b8a57806362a34db014611b6f57806367b0441d1461187c5780637489ec23146117cc57806387b1002a146116e95780638d6f51a7146113ea57806396afb365146112a4578063acbd4fa714610da0578063ad2f80e814610ca0578063ba2de9bc14610c66578063bacca52714610a16578063dfc86408146108b3578063e270b52c14610838578063f2eeb3f91461033a578063f4daaba1146102ff5763fb3631f214610138575f80fd5b346102fc576101463661236f565b909161015181612651565b9160ff835460a01c1660088110156102c757600681146102e857600381141586816102db575b816102b6575b5061029a57506101c76001600160401b03600485015460801c166001600160401b037f00000000000000000000000000000000000000000000000000000000000000001690612404565b8042116102835750806101fb7f11b9530755649f60ddffaf1ddb38cb8e8bb5e79a3970ad431434bc90edd1d1219286612687565b600360a11b60ff60a01b19855416178455600284015460801c936001600160801b03600382015416338852600460205261023a60408920918254612404565b905580546001600160a01b03168752600460205260408720805461025f908790612404565b905560018060a01b039054169461027d604051928392339784612431565b0390a480f35b63574d9c3960e01b86526004839052602452604485fd5b856102b460449285632b3263b360e01b84526004526123f6565bfd5b90506102c75760058114155f61017d565b634e487b7160e01b86526021600452602486fd5b5050600481141586610177565b6358cb522560e11b86526004839052602486fd5b80fd5b50346102fc57806003193601126102fc5760206040517f00000000000000000000000000000000000000000000000000000000000000008152f35b503461059a57606036600319011261059a576004356001600160401b03811161059a5761036b9036906004016123a2565b906024356001600160401b03811161059a5761038b9036906004016123a2565b906044356001600160401b03811161059a576103ab903690600401612342565b9290937f0000000000000000000000000000000000000000000000000000000000000000918615801561082f575b8015610825575b61080a578260061b92808404604014901517156107f6579061041a610404846125d0565b9361041260405195866124d7565b8085526125d0565b602084019490601f19013686377f00000000000000000000000000000000000000000000000000000000000000006001600160401b0316925f5b8981106105bd5750505050506020915f91604051918291518091835e8101838152039060025afa156105b2575f5160405160039190911c927f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03169190602082016001600160401b0381118382101761059e57604052848252823b1561059a579290610501604051948593632363e29760e21b8552604060048601526044850191612411565b905f602484015b60018210610580575050509181805f9403915afa908161056b575b50610537576309bde33960e01b8352600483fd5b60405191825260208201527f0d6d85f3008924dae0b1a32d4282a496a9a01be312d238d9d229c8a0d401ffe360403392a280f35b6105789194505f906124d7565b5f925f610523565b825181528694506020928301926001929092019101610508565b5f80fd5b634e487b7160e01b5f52604160045260245ffd5b6040513d5f823e3d90fd5b6105c8818b86612641565b356105d4828486612641565b35906105df81612651565b805460ff8160a01c1660088110156107c257600681146107e35760038114155f816107d6575b816107b1575b5061079457506004820154906001600160401b038260801c169061062f8b83612404565b80421161077e575060028401548060801c93848811610763579260019897969492610678926001600160801b036001600160401b038060409a988b1c169360b01c169116612884565b8086101561075857506107148580925b845460ff60a01b1916600360a11b1785556003850180546001600160801b03908116608085901b6001600160801b03191617825590956106d591908c8060a01b0390541696541683612404565b335f5260046020526106eb885f20918254612404565b90556106f78282612877565b855f52600460205261070d885f20918254612404565b9055612877565b84519182526020820152827ff1a18174159cadee05d8373ddc133a93dfe6f9d290fead86fbeaf94888e9a250853393a48360061b8a01906020820152015201610454565b610714908092610688565b84888863d1a3cd3d60e01b5f5260045260245260445260645ffd5b8563574d9c3960e01b5f5260045260245260445ffd5b632b3263b360e01b5f5260048490526107ac906123f6565b60445ffd5b90506107c25760058114155f61060b565b634e487b7160e01b5f52602160045260245ffd5b505060048114155f610605565b836358cb522560e11b5f5260045260245ffd5b634e487b7160e01b5f52601160045260245ffd5b905085633cd53fd560e11b5f5260045260245260445260645ffd5b50868114156103e0565b508287116103d9565b3461059a57602036600319011261059a57602061085660043561283e565b61089660028201549160046001600160401b03825460b01c16910154906001600160401b03808360801c169260401c16906001600160801b038516612884565b9060801c808210156108ac57505b604051908152f35b90506108a4565b602036600319011261059a576004356108cb81612651565b9060ff825460a01c1660088110156107c25760018103610a0057507f00000000000000000000000000000000000000000000000000000000000000008034106109ea57506109ad6004926001600160401b0342166001600160401b0361093a81600185015460a01c1683612621565b835460ff60a01b1916600360a01b178455958693610957346127dd565b6001600160801b036003830191166001600160801b03198254161790550191166001600160401b0319825416178155908154906001600160401b0360801b9060801b16906001600160401b0360801b1916179055565b6001600160401b03604051923484521660208301527f5087147a6f3ea3c12cce47868600b3b86e42d822051313b0f372d04446cc14e860403393a3005b632c1f8ef160e21b5f526004523460245260445ffd5b6107ac91632b3263b360e01b5f526004526123f6565b3461059a57604036600319011261059a5760043560243560ff811680910361059a57610a41826126ee565b91600182108015610c5c575b610c495782549260ff8460a01c166008811015806107c2576006821491821580610c3b575b610c23575060ff8660a81c16610c10576107c25715610bfb576001600160801b03600382015460801c5b16936001600160801b03600283015416603c810290808204603c14901517156107f657610ad6906001600160401b038360b01c169061280e565b9480158015610bf2575b610bd65750906001918260a81b9060ff60a81b19161781550160018060a01b038154165f526001602052600460405f2001610b58610b2b856001600160401b03845460401c16612621565b82546fffffffffffffffff0000000000000000191660409190911b67ffffffffffffffff60401b16178255565b60016001600160401b03825460801c16016001600160401b0381116107f657815467ffffffffffffffff60801b191660809190911b67ffffffffffffffff60801b1617905560018060a01b03905416906040519283527f4b72568b639a1c93aab1aacf9bd1fb480021b2bbc5cdbcc3ade01f6b754667d460203394a4005b935050506324bcd71b60e21b5f5260045260245260445260645ffd5b50858110610ae0565b6001600160801b03600282015460801c610a9c565b83637642802b60e11b5f5260045260245ffd5b632b3263b360e01b5f5260048590526107ac906123f6565b505f91506007811415610a72565b506306fae60560e11b5f5260045260245ffd5b5060058211610a4d565b3461059a575f36600319011261059a5760206040517f00000000000000000000000000000000000000000000000000000000000000008152f35b3461059a57610cae3661236f565b610cb9839293612651565b9260ff845460a01c1660088110156107c257600381036107945750906001600160401b036004610d8c7f377fdbe761718eb2abe2e1e4f25893576f73f700607d9ab57628d7810540dc3494610d7a84421698610d1e86600183015460a01c168b612621565b815460ff60a01b1916600160a21b1782559401805460408b901b67ffffffffffffffff60401b1677ffffffffffffffffffffffffffffffff00000000000000001990911617608086901b67ffffffffffffffff60801b16179055565b60405194606086526060860191612411565b9560208401521660408201528033940390a3005b3461059a57608036600319011261059a576004356001600160401b03811161059a57610dd0903690600401612342565b906024356001600160401b03811161059a57610df0903690600401612342565b9290604435906064356001600160401b03811161059a57610e15903690600401612342565b9190958415801561129c575b61128d57335f52600160205260405f2060048101906001600160401b0382541661127a57610e5036888a6125eb565b60208151910120805f52600260205260018060a01b0360405f205416611253575f90815260026020526040902080546001600160a01b031916331790556001600160401b03871161059e57610ea581546124f8565b601f811161120e575b50865f601f82116001146111a9575f9161119e575b508760011b905f198960031b1c19161781555b60018101906001600160401b03841161059e57610ef382546124f8565b601f8111611159575b505f9184601f81116001146110f2576003935f916110e7575b505f1986851b1c1916600186901b1790555b866002820155016001600160401b03851161059e57610f4681546124f8565b601f81116110a2575b505f601f861160011461100c5792610fe7927ff028af23cf45cc8d6770bcef29fe627ceda765793fc747dcfd6c66ebc1d3ab69999897959287610ffc98965f91611001575b508660011b905f198860031b1c19161790555b805467ffffffffffffffff1916426001600160401b0316179055604051608080825290988998610fd9928a0191612411565b918783036020890152612411565b91604085015283820360608501523396612411565b0390a2005b90508c01358d610f94565b89601f19871691835f5260205f20925f5b818110611088575092610fe795927ff028af23cf45cc8d6770bcef29fe627ceda765793fc747dcfd6c66ebc1d3ab699c9b9a9895928a610ffc9b99961061106f575b505050600186811b019055610fa7565b01355f19600389901b60f8161c191690558c8c8161105f565b9282013584556001909301928c926020928301920161101d565b815f5260205f20601f870160051c810191602088106110dd575b601f0160051c01905b8181106110d25750610f4f565b5f81556001016110c5565b90915081906110bc565b90508601358c610f15565b505f81815260208120909386601f1981165b80871061113b576003965010611124575b5050600185811b019055610f27565b8701355f1987861b60f8161c191690558b80611115565b89830135845560209687019660019094019390920191889150611104565b825f5260205f20601f860160051c81019160208710611194575b601f0160051c01905b8181106111895750610efc565b5f815560010161117c565b9091508190611173565b90508801358a610ec3565b5f8381526020812092508990601f198216905b8c8282106111f4575050106111db575b5050600187811b018155610ed6565b8901355f1960038a901b60f8161c1916905589806111cc565b84013585556001909401936020938401938c9350016111bc565b815f5260205f20601f890160051c81019160208a10611249575b601f0160051c01905b81811061123e5750610eae565b5f8155600101611231565b9091508190611228565b604051630df0e4f760e31b81526020600482015280611276602482018b8d612411565b0390fd5b6345ed80e960e01b5f523360045260245ffd5b635118d09560e01b5f5260045ffd5b508015610e21565b3461059a57602036600319011261059a576004356112c1816126ee565b9060ff825460a01c166008811015806107c257600382141590816113dd575b816113cc575b50610a0057506113306001600160401b03600484015460801c166001600160401b037f00000000000000000000000000000000000000000000000000000000000000001690612404565b91824211156113b657805460ff60a01b1916600760a01b178155600281015460039091015461136e916001600160801b03919091169060801c612404565b90335f52600460205260405f20611386838254612404565b90556040519182527f2b05c71b41e57dce1a0e326dd8285f42daea0395bc43c2026a30ec5d2c160c1760203393a3005b5063d47800eb60e01b5f5260045260245260445ffd5b90506107c2576005811415846112e6565b505060048114155f6112e0565b61010036600319011261059a576004356024356001600160401b03811161059a57611419903690600401612342565b9160443591606435936084359360a4356001600160401b0381169081810361059a5760c4356001600160401b03811680820361059a5760e4356001600160401b03811161059a5761146e903690600401612342565b94909989156116da57895f52600360205260405f209b60ff8d5460a01c1660088110156107c2576116c7576114a4368a8c6125eb565b602081519101205f52600260205260018060a01b0360405f2054169c8d156116a4578215801561169c575b8015611694575b611685576114e584868561273f565b9586156116855786340361166e5791898f8f936007917f2b22d5e19f0b75b6000b01b4fc65bcc6404682715b1fe738bdb18675dd69686b9f9e9d9b999795966115368e9c9a986116699f36916125eb565b805160209190910120835467ffffffffffffffff60b01b1960ff60a01b1933166001600160a81b031990921691909117600160a01b171660b09c909c1b67ffffffffffffffff60b01b169b909b1783556001830180546001600160e01b0319166001600160a01b03939093169290921760a09190911b67ffffffffffffffff60a01b1617905561160e6115c8866127dd565b6001600160801b036002840191166001600160801b03198254161781556115ee8a6127dd565b81546001600160801b031660809190911b6001600160801b031916179055565b83600582015588600682015501556116356040519b8c9b6101208d526101208d0191612411565b9760208b015260408a01526060890152608088015260a087015260c086015260e08501528382036101008501523397612411565b0390a4005b8663aece60eb60e01b5f526004523460245260445ffd5b630256965f60e01b5f5260045ffd5b5084156114d6565b5083156114cf565b6040516374150a4b60e11b81526020600482015280611276602482018d8f612411565b8a6351243ae360e01b5f5260045260245ffd5b63151bec8160e21b5f5260045ffd5b3461059a57602036600319011261059a57600435611706816126ee565b9060ff825460a01c1660088110156107c2576003811415806117c1575b610a005750600482016001600160401b03815460801c16928342106117b0575b805460ff60a01b1916600560a01b179055805467ffffffffffffffff60801b1916608084901b67ffffffffffffffff60801b161790556001600160401b03604051921682527f639bfed31ef8bc64234b1389cce6b65de66f031fcba8a794cff536598d7e770e60203393a3005b426001600160401b03169350611743565b506004811415611723565b3461059a57602036600319011261059a576004356117e9816126ee565b60ff815460a01c1660088110156107c257600181036118645750600290600160a11b60ff60a01b19825416178155015460801c90335f52600460205260405f20611834838254612404565b90556040519182527fb2705df32ac67fc3101f496cd7036bf59074a603544d97d73650b6f09744986a60203393a3005b632b3263b360e01b5f5260048390526107ac906123f6565b3461059a57606036600319011261059a576004356001600160401b03811161059a576118ac903690600401612342565b90602435906044356001600160401b03811161059a576118d0903690600401612342565b9390926118dc336126ac565b94821561128d5760018601956001600160401b03841161059e5761190087546124f8565b601f8111611b2a575b505f96601f8511600114611ac5578460039394959697985f91611aba575b505f1987851b1c1916600187901b1790555b836002820155016001600160401b03821161059e5761195881546124f8565b601f8111611a75575b505f601f83116001146119ea57917fd404a039955f9cc4fad5a21f105fc9589544a16bbc7ac78920fff84028ab7bad9594939181610ffc945f916119df575b508260011b905f198460031b1c19161790555b6119ca604051958695606087526060870191612411565b91602085015283820360408501523396612411565b9050880135896119a0565b601f19831690825f5260205f20915f5b818110611a5d5750917fd404a039955f9cc4fad5a21f105fc9589544a16bbc7ac78920fff84028ab7bad979695939185610ffc969410611a44575b5050600182811b0190556119b3565b8901355f19600385901b60f8161c191690558880611a35565b9192602060018192868d0135815501940192016119fa565b815f5260205f20601f840160051c81019160208510611ab0575b601f0160051c01905b818110611aa55750611961565b5f8155600101611a98565b9091508190611a8f565b905087013589611927565b601f198516815f5260205f20905f5b818110611b1257509886600395969798999a10611afb575b5050600186811b019055611939565b8801355f1988861b60f8161c191690558880611aec565b888b0135835560209a8b019a60019093019201611ad4565b875f5260205f20601f860160051c81019160208710611b65575b601f0160051c01905b818110611b5a5750611909565b5f8155600101611b4d565b9091508190611b44565b3461059a575f36600319011261059a576020604051603c8152f35b3461059a57602036600319011261059a576004355f526002602052602060018060a01b0360405f205416604051908152f35b3461059a57602036600319011261059a575f6101e0604051611bdd816124bb565b8281528260208201528260408201528260608201528260808201528260a08201528260c08201528260e08201528261010082015282610120820152826101408201528261016082015282610180820152826101a0820152826101c082015201526004355f52600360205260405f20604051611c57816124bb565b81546001600160a01b038116825291602082019060a084901c60ff1660088110156107c2578284939284939284935260408301968060a81c60ff1615158852606084019060b01c6001600160401b031681526001820154916080850198600160a01b6001900384168a5260a086019360a01c6001600160401b0316845260028201549460c08701916001600160801b038716835260e088019660801c875260038401546101008901966001600160801b03821688526101208a019160801c82526004860154976101408b01946001600160401b038a1686526101608c01978a60401c6001600160401b031689526101808d019a60801c6001600160401b03168b5260058101549c6101a0019c8d5260068101549d6101c0019d8e52600701549d6101e0019d8e526040519e8f90600160a01b600190039051169052519960088b10156107c2576102009f8f916001600160801b039690876001600160401b039e9a8f8298819f96829e60e0988698859260208d015251151560408c0152511660608a015260018060a01b039051166080890152511660a0870152511660c0850152511691015251166101008d015251166101208b0152511661014089015251166101608701525116610180850152516101a0840152516101c0830152516101e0820152f35b3461059a57602036600319011261059a576004356001600160a01b0381169081900361059a575f60c0604051611e71816124a0565b60608152606060208201528260408201526060808201528260808201528260a082015201525f52600160205261010060405f2060405190611eb1826124a0565b611eba81612530565b82526001600160401b03611ed060018301612530565b60208401908152816002840154916040860192835281611f726004611ef760038901612530565b9760608a0198895201549460808901978387168952611f5960a08b0195858960401c1687528560c08d019960801c168952611f46604051809e819e60208352519160e0602082015201906123d2565b90518c8203601f190160408e01526123d2565b915160608b015251898203601f190160808b01526123d2565b95511660a0870152511660c0850152511660e08301520390f35b3461059a57602036600319011261059a576004356001600160401b03811161059a57611fbc9036906004016123a2565b611fc5336126ac565b505f5b818110611fd157005b8061201b7fa4411576a5b54af9d5bb2604e905bfc8eba4cd1081f5f93882111fb506b18d06612003600194868861244b565b92906040519182916020835233956020840191612411565b0390a201611fc8565b3461059a575f36600319011261059a5760206040516104008152f35b3461059a575f36600319011261059a5760025f54146121385760025f55335f52600460205260405f2054801561212957335f5260046020525f60408120556040518181527f7084f5476618d8e60b11ef0d7d3f06914655adb8793e28ff7f018d4c76d505d560203392a2804710612113575f80808093335af13d1561210b573d906120ca826125d0565b916120d860405193846124d7565b82523d5f602084013e5b156120ed5760015f55005b8051156120fc57602081519101fd5b63d6bda27560e01b5f5260045ffd5b6060906120e2565b4763cf47918160e01b5f5260045260245260445ffd5b630686827b60e51b5f5260045ffd5b633ee5aeb560e01b5f5260045ffd5b3461059a57602036600319011261059a576004356001600160401b03811161059a576121779036906004016123a2565b612180336126ac565b505f5b81811061218c57005b806121be7f2342e2ad80b0e05e703c569cfcfae689b2fef456ffa2429b2e28af4b49d2464e612003600194868861244b565b0390a201612183565b3461059a575f36600319011261059a576040517f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03168152602090f35b3461059a57602036600319011261059a576004356001600160a01b0381169081900361059a575f526004602052602060405f2054604051908152f35b3461059a575f36600319011261059a5760206040516001600160401b037f0000000000000000000000000000000000000000000000000000000000000000168152f35b3461059a576122983661236f565b90916122a381612651565b9160ff835460a01c1660088110156107c257600181036118645750806122ea7f517981e7f72086402a449dc03ebee382bc209c4779c2f6f0c2fe773e6d1958049286612687565b600160a11b60ff60a01b19855416178455600284015460801c9360018060a01b038154165f52600460205260405f20612324868254612404565b905560018060a01b0390541694611669604051928392339784612431565b9181601f8401121561059a578235916001600160401b03831161059a576020838186019501011161059a57565b90604060031983011261059a5760043591602435906001600160401b03821161059a5761239e91600401612342565b9091565b9181601f8401121561059a578235916001600160401b03831161059a576020808501948460051b01011161059a57565b805180835260209291819084018484015e5f828201840152601f01601f1916010190565b60088110156107c257602452565b919082018092116107f657565b908060209392818452848401375f828201840152601f01601f1916010190565b604090612448949281528160208201520191612411565b90565b919081101561248c5760051b81013590601e198136030182121561059a5701908135916001600160401b03831161059a57602001823603811361059a579190565b634e487b7160e01b5f52603260045260245ffd5b60e081019081106001600160401b0382111761059e57604052565b61020081019081106001600160401b0382111761059e57604052565b90601f801991011681019081106001600160401b0382111761059e57604052565b90600182811c92168015612526575b602083101461251257565b634e487b7160e01b5f52602260045260245ffd5b91607f1691612507565b9060405191825f825492612543846124f8565b80845293600181169081156125ae575060011461256a575b50612568925003836124d7565b565b90505f9291925260205f20905f915b818310612592575050906020612568928201015f61255b565b6020919350806001915483858901015201910190918492612579565b90506020925061256894915060ff191682840152151560051b8201015f61255b565b6001600160401b03811161059e57601f01601f191660200190565b9291926125f7826125d0565b9161260560405193846124d7565b82948184528183011161059a578281602093845f960137010152565b906001600160401b03809116911601906001600160401b0382116107f657565b919081101561248c5760051b0190565b9061265b8261283e565b60018101549092906001600160a01b031633036126755750565b636489355760e11b5f5260045260245ffd5b5061040081116126945750565b631e421fbf60e01b5f5260045261040060245260445ffd5b6001600160a01b03165f8181526001602052604090206004810154909291906001600160401b0316156126dc5750565b63bfc6c33760e01b5f5260045260245ffd5b906126f88261283e565b80549092906001600160a01b0316330361270f5750565b631584caa160e31b5f5260045260245ffd5b811561272b570490565b634e487b7160e01b5f52601260045260245ffd5b90915f1983830992808302928380861095039480860395146127d057848311156127b85790829109815f0382168092046002816003021880820260020302808202600203028082026002030280820260020302808202600203028091026002030293600183805f03040190848311900302920304170290565b82634e487b715f52156003026011186020526024601cfd5b5050906124489250612721565b6001600160801b0381116127f7576001600160801b031690565b6306dfcc6560e41b5f52608060045260245260445ffd5b90801561282c576128246001915f198401612721565b019015150290565b634e487b715f5260126020526024601cfd5b90815f52600360205260405f209160ff835460a01c1660088110156107c257156128655750565b638b5566c560e01b5f5260045260245ffd5b919082039182116107f657565b909290916001600160401b031680156128db576001600160401b036128b092168042106128d457612877565b908181029181830414901517156107f6576001600160401b0361244892169061280e565b5042612877565b505050505f9056fea26469706673582212205cea4a41a546ec5813445b15eab8318fb5f9c087629b5dc4b91597ca0998a1a664736f6c634300081c0033",
}

// MarketplaceABI is the input ABI used to generate the binding from.
// Deprecated: Use MarketplaceMetaData.ABI instead.
var MarketplaceABI = MarketplaceMetaData.ABI

// MarketplaceBin is the compiled bytecode used for deploying new contracts.
// Deprecated: Use MarketplaceMetaData.Bin instead.
var MarketplaceBin = MarketplaceMetaData.Bin

// DeployMarketplace deploys a new Ethereum contract, binding an instance of Marketplace to it.
func DeployMarketplace(auth *bind.TransactOpts, backend bind.ContractBackend, batchSize_ *big.Int, verifier_ common.Address, settleWindow_ uint64, minCollateral_ *big.Int) (common.Address, *types.Transaction, *Marketplace, error) {
	parsed, err := MarketplaceMetaData.GetAbi()
	if err != nil {
		return common.Address{}, nil, nil, err
	}
	if parsed == nil {
		return common.Address{}, nil, nil, errors.New("GetABI returned nil")
	}

	address, tx, contract, err := bind.DeployContract(auth, *parsed, common.FromHex(MarketplaceBin), backend, batchSize_, verifier_, settleWindow_, minCollateral_)
	if err != nil {
		return common.Address{}, nil, nil, err
	}
	return address, tx, &Marketplace{MarketplaceCaller: MarketplaceCaller{contract: contract}, MarketplaceTransactor: MarketplaceTransactor{contract: contract}, MarketplaceFilterer: MarketplaceFilterer{contract: contract}}, nil
}

// Marketplace is an auto generated Go binding around an Ethereum contract.
type Marketplace struct {
	MarketplaceCaller     // Read-only binding to the contract
	MarketplaceTransactor // Write-only binding to the contract
	MarketplaceFilterer   // Log filterer for contract events
}

// MarketplaceCaller is an auto generated read-only Go binding around an Ethereum contract.
type MarketplaceCaller struct {
	contract *bind.BoundContract // Generic contract wrapper for the low level calls
}

// MarketplaceTransactor is an auto generated write-only Go binding around an Ethereum contract.
type MarketplaceTransactor struct {
	contract *bind.BoundContract // Generic contract wrapper for the low level calls
}

// MarketplaceFilterer is an auto generated log filtering Go binding around an Ethereum contract events.
type MarketplaceFilterer struct {
	contract *bind.BoundContract // Generic contract wrapper for the low level calls
}

// MarketplaceSession is an auto generated Go binding around an Ethereum contract,
// with pre-set call and transact options.
type MarketplaceSession struct {
	Contract     *Marketplace      // Generic contract binding to set the session for
	CallOpts     bind.CallOpts     // Call options to use throughout this session
	TransactOpts bind.TransactOpts // Transaction auth options to use throughout this session
}

// MarketplaceCallerSession is an auto generated read-only Go binding around an Ethereum contract,
// with pre-set call options.
type MarketplaceCallerSession struct {
	Contract *MarketplaceCaller // Generic contract caller binding to set the session for
	CallOpts bind.CallOpts      // Call options to use throughout this session
}

// MarketplaceTransactorSession is an auto generated write-only Go binding around an Ethereum contract,
// with pre-set transact options.
type MarketplaceTransactorSession struct {
	Contract     *MarketplaceTransactor // Generic contract transactor binding to set the session for
	TransactOpts bind.TransactOpts      // Transaction auth options to use throughout this session
}

// MarketplaceRaw is an auto generated low-level Go binding around an Ethereum contract.
type MarketplaceRaw struct {
	Contract *Marketplace // Generic contract binding to access the raw methods on
}

// MarketplaceCallerRaw is an auto generated low-level read-only Go binding around an Ethereum contract.
type MarketplaceCallerRaw struct {
	Contract *MarketplaceCaller // Generic read-only contract binding to access the raw methods on
}

// MarketplaceTransactorRaw is an auto generated low-level write-only Go binding around an Ethereum contract.
type MarketplaceTransactorRaw struct {
	Contract *MarketplaceTransactor // Generic write-only contract binding to access the raw methods on
}

// NewMarketplace creates a new instance of Marketplace, bound to a specific deployed contract.
func NewMarketplace(address common.Address, backend bind.ContractBackend) (*Marketplace, error) {
	contract, err := bindMarketplace(address, backend, backend, backend)
	if err != nil {
		return nil, err
	}
	return &Marketplace{MarketplaceCaller: MarketplaceCaller{contract: contract}, MarketplaceTransactor: MarketplaceTransactor{contract: contract}, MarketplaceFilterer: MarketplaceFilterer{contract: contract}}, nil
}

// NewMarketplaceCaller creates a new read-only instance of Marketplace, bound to a specific deployed contract.
func NewMarketplaceCaller(address common.Address, caller bind.ContractCaller) (*MarketplaceCaller, error) {
	contract, err := bindMarketplace(address, caller, nil, nil)
	if err != nil {
		return nil, err
	}
	return &MarketplaceCaller{contract: contract}, nil
}

// NewMarketplaceTransactor creates a new write-only instance of Marketplace, bound to a specific deployed contract.
func NewMarketplaceTransactor(address common.Address, transactor bind.ContractTransactor) (*MarketplaceTransactor, error) {
	contract, err := bindMarketplace(address, nil, transactor, nil)
	if err != nil {
		return nil, err
	}
	return &MarketplaceTransactor{contract: contract}, nil
}

// NewMarketplaceFilterer creates a new log filterer instance of Marketplace, bound to a specific deployed contract.
func NewMarketplaceFilterer(address common.Address, filterer bind.ContractFilterer) (*MarketplaceFilterer, error) {
	contract, err := bindMarketplace(address, nil, nil, filterer)
	if err != nil {
		return nil, err
	}
	return &MarketplaceFilterer{contract: contract}, nil
}

// bindMarketplace binds a generic wrapper to an already deployed contract.
func bindMarketplace(address common.Address, caller bind.ContractCaller, transactor bind.ContractTransactor, filterer bind.ContractFilterer) (*bind.BoundContract, error) {
	parsed, err := MarketplaceMetaData.GetAbi()
	if err != nil {
		return nil, err
	}
	return bind.NewBoundContract(address, *parsed, caller, transactor, filterer), nil
}

// Call invokes the (constant) contract method with params as input values and
// sets the output to result. The result type might be a single field for simple
// returns, a slice of interfaces for anonymous returns and a struct for named
// returns.
func (_Marketplace *MarketplaceRaw) Call(opts *bind.CallOpts, result *[]interface{}, method string, params ...interface{}) error {
	return _Marketplace.Contract.MarketplaceCaller.contract.Call(opts, result, method, params...)
}

// Transfer initiates a plain transaction to move funds to the contract, calling
// its default method if one is available.
func (_Marketplace *MarketplaceRaw) Transfer(opts *bind.TransactOpts) (*types.Transaction, error) {
	return _Marketplace.Contract.MarketplaceTransactor.contract.Transfer(opts)
}

// Transact invokes the (paid) contract method with params as input values.
func (_Marketplace *MarketplaceRaw) Transact(opts *bind.TransactOpts, method string, params ...interface{}) (*types.Transaction, error) {
	return _Marketplace.Contract.MarketplaceTransactor.contract.Transact(opts, method, params...)
}

// Call invokes the (constant) contract method with params as input values and
// sets the output to result. The result type might be a single field for simple
// returns, a slice of interfaces for anonymous returns and a struct for named
// returns.
func (_Marketplace *MarketplaceCallerRaw) Call(opts *bind.CallOpts, result *[]interface{}, method string, params ...interface{}) error {
	return _Marketplace.Contract.contract.Call(opts, result, method, params...)
}

// Transfer initiates a plain transaction to move funds to the contract, calling
// its default method if one is available.
func (_Marketplace *MarketplaceTransactorRaw) Transfer(opts *bind.TransactOpts) (*types.Transaction, error) {
	return _Marketplace.Contract.contract.Transfer(opts)
}

// Transact invokes the (paid) contract method with params as input values.
func (_Marketplace *MarketplaceTransactorRaw) Transact(opts *bind.TransactOpts, method string, params ...interface{}) (*types.Transaction, error) {
	return _Marketplace.Contract.contract.Transact(opts, method, params...)
}

// MAXREASONBYTES is a free data retrieval call binding the contract method 0x3cefc404.
//
// Solidity: function MAX_REASON_BYTES() view returns(uint256)
func (_Marketplace *MarketplaceCaller) MAXREASONBYTES(opts *bind.CallOpts) (*big.Int, error) {
	var out []interface{}
	err := _Marketplace.contract.Call(opts, &out, "MAX_REASON_BYTES")

	if err != nil {
		return *new(*big.Int), err
	}

	out0 := *abi.ConvertType(out[0], new(*big.Int)).(**big.Int)

	return out0, err

}

// MAXREASONBYTES is a free data retrieval call binding the contract method 0x3cefc404.
//
// Solidity: function MAX_REASON_BYTES() view returns(uint256)
func (_Marketplace *MarketplaceSession) MAXREASONBYTES() (*big.Int, error) {
	return _Marketplace.Contract.MAXREASONBYTES(&_Marketplace.CallOpts)
}

// MAXREASONBYTES is a free data retrieval call binding the contract method 0x3cefc404.
//
// Solidity: function MAX_REASON_BYTES() view returns(uint256)
func (_Marketplace *MarketplaceCallerSession) MAXREASONBYTES() (*big.Int, error) {
	return _Marketplace.Contract.MAXREASONBYTES(&_Marketplace.CallOpts)
}

// MINRATEDSECONDS is a free data retrieval call binding the contract method 0x62a34db0.
//
// Solidity: function MIN_RATED_SECONDS() view returns(uint64)
func (_Marketplace *MarketplaceCaller) MINRATEDSECONDS(opts *bind.CallOpts) (uint64, error) {
	var out []interface{}
	err := _Marketplace.contract.Call(opts, &out, "MIN_RATED_SECONDS")

	if err != nil {
		return *new(uint64), err
	}

	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)

	return out0, err

}

// MINRATEDSECONDS is a free data retrieval call binding the contract method 0x62a34db0.
//
// Solidity: function MIN_RATED_SECONDS() view returns(uint64)
func (_Marketplace *MarketplaceSession) MINRATEDSECONDS() (uint64, error) {
	return _Marketplace.Contract.MINRATEDSECONDS(&_Marketplace.CallOpts)
}

// MINRATEDSECONDS is a free data retrieval call binding the contract method 0x62a34db0.
//
// Solidity: function MIN_RATED_SECONDS() view returns(uint64)
func (_Marketplace *MarketplaceCallerSession) MINRATEDSECONDS() (uint64, error) {
	return _Marketplace.Contract.MINRATEDSECONDS(&_Marketplace.CallOpts)
}

// Balances is a free data retrieval call binding the contract method 0x27e235e3.
//
// Solidity: function balances(address ) view returns(uint256)
func (_Marketplace *MarketplaceCaller) Balances(opts *bind.CallOpts, arg0 common.Address) (*big.Int, error) {
	var out []interface{}
	err := _Marketplace.contract.Call(opts, &out, "balances", arg0)

	if err != nil {
		return *new(*big.Int), err
	}

	out0 := *abi.ConvertType(out[0], new(*big.Int)).(**big.Int)

	return out0, err

}

// Balances is a free data retrieval call binding the contract method 0x27e235e3.
//
// Solidity: function balances(address ) view returns(uint256)
func (_Marketplace *MarketplaceSession) Balances(arg0 common.Address) (*big.Int, error) {
	return _Marketplace.Contract.Balances(&_Marketplace.CallOpts, arg0)
}

// Balances is a free data retrieval call binding the contract method 0x27e235e3.
//
// Solidity: function balances(address ) view returns(uint256)
func (_Marketplace *MarketplaceCallerSession) Balances(arg0 common.Address) (*big.Int, error) {
	return _Marketplace.Contract.Balances(&_Marketplace.CallOpts, arg0)
}

// BatchSize is a free data retrieval call binding the contract method 0xf4daaba1.
//
// Solidity: function batchSize() view returns(uint256)
func (_Marketplace *MarketplaceCaller) BatchSize(opts *bind.CallOpts) (*big.Int, error) {
	var out []interface{}
	err := _Marketplace.contract.Call(opts, &out, "batchSize")

	if err != nil {
		return *new(*big.Int), err
	}

	out0 := *abi.ConvertType(out[0], new(*big.Int)).(**big.Int)

	return out0, err

}

// BatchSize is a free data retrieval call binding the contract method 0xf4daaba1.
//
// Solidity: function batchSize() view returns(uint256)
func (_Marketplace *MarketplaceSession) BatchSize() (*big.Int, error) {
	return _Marketplace.Contract.BatchSize(&_Marketplace.CallOpts)
}

// BatchSize is a free data retrieval call binding the contract method 0xf4daaba1.
//
// Solidity: function batchSize() view returns(uint256)
func (_Marketplace *MarketplaceCallerSession) BatchSize() (*big.Int, error) {
	return _Marketplace.Contract.BatchSize(&_Marketplace.CallOpts)
}

// Earned is a free data retrieval call binding the contract method 0xe270b52c.
//
// Solidity: function earned(bytes32 orderId) view returns(uint256)
func (_Marketplace *MarketplaceCaller) Earned(opts *bind.CallOpts, orderId [32]byte) (*big.Int, error) {
	var out []interface{}
	err := _Marketplace.contract.Call(opts, &out, "earned", orderId)

	if err != nil {
		return *new(*big.Int), err
	}

	out0 := *abi.ConvertType(out[0], new(*big.Int)).(**big.Int)

	return out0, err

}

// Earned is a free data retrieval call binding the contract method 0xe270b52c.
//
// Solidity: function earned(bytes32 orderId) view returns(uint256)
func (_Marketplace *MarketplaceSession) Earned(orderId [32]byte) (*big.Int, error) {
	return _Marketplace.Contract.Earned(&_Marketplace.CallOpts, orderId)
}

// Earned is a free data retrieval call binding the contract method 0xe270b52c.
//
// Solidity: function earned(bytes32 orderId) view returns(uint256)
func (_Marketplace *MarketplaceCallerSession) Earned(orderId [32]byte) (*big.Int, error) {
	return _Marketplace.Contract.Earned(&_Marketplace.CallOpts, orderId)
}

// GetOrder is a free data retrieval call binding the contract method 0x5778472a.
//
// Solidity: function getOrder(bytes32 orderId) view returns((address,uint8,bool,uint64,address,uint64,uint128,uint128,uint128,uint128,uint64,uint64,uint64,bytes32,bytes32,uint256))
func (_Marketplace *MarketplaceCaller) GetOrder(opts *bind.CallOpts, orderId [32]byte) (MarketplaceOrder, error) {
	var out []interface{}
	err := _Marketplace.contract.Call(opts, &out, "getOrder", orderId)

	if err != nil {
		return *new(MarketplaceOrder), err
	}

	out0 := *abi.ConvertType(out[0], new(MarketplaceOrder)).(*MarketplaceOrder)

	return out0, err

}

// GetOrder is a free data retrieval call binding the contract method 0x5778472a.
//
// Solidity: function getOrder(bytes32 orderId) view returns((address,uint8,bool,uint64,address,uint64,uint128,uint128,uint128,uint128,uint64,uint64,uint64,bytes32,bytes32,uint256))
func (_Marketplace *MarketplaceSession) GetOrder(orderId [32]byte) (MarketplaceOrder, error) {
	return _Marketplace.Contract.GetOrder(&_Marketplace.CallOpts, orderId)
}

// GetOrder is a free data retrieval call binding the contract method 0x5778472a.
//
// Solidity: function getOrder(bytes32 orderId) view returns((address,uint8,bool,uint64,address,uint64,uint128,uint128,uint128,uint128,uint64,uint64,uint64,bytes32,bytes32,uint256))
func (_Marketplace *MarketplaceCallerSession) GetOrder(orderId [32]byte) (MarketplaceOrder, error) {
	return _Marketplace.Contract.GetOrder(&_Marketplace.CallOpts, orderId)
}

// GetProvider is a free data retrieval call binding the contract method 0x55f21eb7.
//
// Solidity: function getProvider(address provider) view returns((string,string,bytes32,string,uint64,uint64,uint64))
func (_Marketplace *MarketplaceCaller) GetProvider(opts *bind.CallOpts, provider common.Address) (MarketplaceProvider, error) {
	var out []interface{}
	err := _Marketplace.contract.Call(opts, &out, "getProvider", provider)

	if err != nil {
		return *new(MarketplaceProvider), err
	}

	out0 := *abi.ConvertType(out[0], new(MarketplaceProvider)).(*MarketplaceProvider)

	return out0, err

}

// GetProvider is a free data retrieval call binding the contract method 0x55f21eb7.
//
// Solidity: function getProvider(address provider) view returns((string,string,bytes32,string,uint64,uint64,uint64))
func (_Marketplace *MarketplaceSession) GetProvider(provider common.Address) (MarketplaceProvider, error) {
	return _Marketplace.Contract.GetProvider(&_Marketplace.CallOpts, provider)
}

// GetProvider is a free data retrieval call binding the contract method 0x55f21eb7.
//
// Solidity: function getProvider(address provider) view returns((string,string,bytes32,string,uint64,uint64,uint64))
func (_Marketplace *MarketplaceCallerSession) GetProvider(provider common.Address) (MarketplaceProvider, error) {
	return _Marketplace.Contract.GetProvider(&_Marketplace.CallOpts, provider)
}

// MinCollateral is a free data retrieval call binding the contract method 0xba2de9bc.
//
// Solidity: function minCollateral() view returns(uint256)
func (_Marketplace *MarketplaceCaller) MinCollateral(opts *bind.CallOpts) (*big.Int, error) {
	var out []interface{}
	err := _Marketplace.contract.Call(opts, &out, "minCollateral")

	if err != nil {
		return *new(*big.Int), err
	}

	out0 := *abi.ConvertType(out[0], new(*big.Int)).(**big.Int)

	return out0, err

}

// MinCollateral is a free data retrieval call binding the contract method 0xba2de9bc.
//
// Solidity: function minCollateral() view returns(uint256)
func (_Marketplace *MarketplaceSession) MinCollateral() (*big.Int, error) {
	return _Marketplace.Contract.MinCollateral(&_Marketplace.CallOpts)
}

// MinCollateral is a free data retrieval call binding the contract method 0xba2de9bc.
//
// Solidity: function minCollateral() view returns(uint256)
func (_Marketplace *MarketplaceCallerSession) MinCollateral() (*big.Int, error) {
	return _Marketplace.Contract.MinCollateral(&_Marketplace.CallOpts)
}

// ProviderByMinerHash is a free data retrieval call binding the contract method 0x5922bba2.
//
// Solidity: function providerByMinerHash(bytes32 ) view returns(address)
func (_Marketplace *MarketplaceCaller) ProviderByMinerHash(opts *bind.CallOpts, arg0 [32]byte) (common.Address, error) {
	var out []interface{}
	err := _Marketplace.contract.Call(opts, &out, "providerByMinerHash", arg0)

	if err != nil {
		return *new(common.Address), err
	}

	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)

	return out0, err

}

// ProviderByMinerHash is a free data retrieval call binding the contract method 0x5922bba2.
//
// Solidity: function providerByMinerHash(bytes32 ) view returns(address)
func (_Marketplace *MarketplaceSession) ProviderByMinerHash(arg0 [32]byte) (common.Address, error) {
	return _Marketplace.Contract.ProviderByMinerHash(&_Marketplace.CallOpts, arg0)
}

// ProviderByMinerHash is a free data retrieval call binding the contract method 0x5922bba2.
//
// Solidity: function providerByMinerHash(bytes32 ) view returns(address)
func (_Marketplace *MarketplaceCallerSession) ProviderByMinerHash(arg0 [32]byte) (common.Address, error) {
	return _Marketplace.Contract.ProviderByMinerHash(&_Marketplace.CallOpts, arg0)
}

// SettleWindow is a free data retrieval call binding the contract method 0x1c9963fa.
//
// Solidity: function settleWindow() view returns(uint64)
func (_Marketplace *MarketplaceCaller) SettleWindow(opts *bind.CallOpts) (uint64, error) {
	var out []interface{}
	err := _Marketplace.contract.Call(opts, &out, "settleWindow")

	if err != nil {
		return *new(uint64), err
	}

	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)

	return out0, err

}

// SettleWindow is a free data retrieval call binding the contract method 0x1c9963fa.
//
// Solidity: function settleWindow() view returns(uint64)
func (_Marketplace *MarketplaceSession) SettleWindow() (uint64, error) {
	return _Marketplace.Contract.SettleWindow(&_Marketplace.CallOpts)
}

// SettleWindow is a free data retrieval call binding the contract method 0x1c9963fa.
//
// Solidity: function settleWindow() view returns(uint64)
func (_Marketplace *MarketplaceCallerSession) SettleWindow() (uint64, error) {
	return _Marketplace.Contract.SettleWindow(&_Marketplace.CallOpts)
}

// Verifier is a free data retrieval call binding the contract method 0x2b7ac3f3.
//
// Solidity: function verifier() view returns(address)
func (_Marketplace *MarketplaceCaller) Verifier(opts *bind.CallOpts) (common.Address, error) {
	var out []interface{}
	err := _Marketplace.contract.Call(opts, &out, "verifier")

	if err != nil {
		return *new(common.Address), err
	}

	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)

	return out0, err

}

// Verifier is a free data retrieval call binding the contract method 0x2b7ac3f3.
//
// Solidity: function verifier() view returns(address)
func (_Marketplace *MarketplaceSession) Verifier() (common.Address, error) {
	return _Marketplace.Contract.Verifier(&_Marketplace.CallOpts)
}

// Verifier is a free data retrieval call binding the contract method 0x2b7ac3f3.
//
// Solidity: function verifier() view returns(address)
func (_Marketplace *MarketplaceCallerSession) Verifier() (common.Address, error) {
	return _Marketplace.Contract.Verifier(&_Marketplace.CallOpts)
}

// AcceptOrder is a paid mutator transaction binding the contract method 0xdfc86408.
//
// Solidity: function acceptOrder(bytes32 orderId) payable returns()
func (_Marketplace *MarketplaceTransactor) AcceptOrder(opts *bind.TransactOpts, orderId [32]byte) (*types.Transaction, error) {
	return _Marketplace.contract.Transact(opts, "acceptOrder", orderId)
}

// AcceptOrder is a paid mutator transaction binding the contract method 0xdfc86408.
//
// Solidity: function acceptOrder(bytes32 orderId) payable returns()
func (_Marketplace *MarketplaceSession) AcceptOrder(orderId [32]byte) (*types.Transaction, error) {
	return _Marketplace.Contract.AcceptOrder(&_Marketplace.TransactOpts, orderId)
}

// AcceptOrder is a paid mutator transaction binding the contract method 0xdfc86408.
//
// Solidity: function acceptOrder(bytes32 orderId) payable returns()
func (_Marketplace *MarketplaceTransactorSession) AcceptOrder(orderId [32]byte) (*types.Transaction, error) {
	return _Marketplace.Contract.AcceptOrder(&_Marketplace.TransactOpts, orderId)
}

// AnnounceDatasets is a paid mutator transaction binding the contract method 0x4f4e00db.
//
// Solidity: function announceDatasets(string[] cids) returns()
func (_Marketplace *MarketplaceTransactor) AnnounceDatasets(opts *bind.TransactOpts, cids []string) (*types.Transaction, error) {
	return _Marketplace.contract.Transact(opts, "announceDatasets", cids)
}

// AnnounceDatasets is a paid mutator transaction binding the contract method 0x4f4e00db.
//
// Solidity: function announceDatasets(string[] cids) returns()
func (_Marketplace *MarketplaceSession) AnnounceDatasets(cids []string) (*types.Transaction, error) {
	return _Marketplace.Contract.AnnounceDatasets(&_Marketplace.TransactOpts, cids)
}

// AnnounceDatasets is a paid mutator transaction binding the contract method 0x4f4e00db.
//
// Solidity: function announceDatasets(string[] cids) returns()
func (_Marketplace *MarketplaceTransactorSession) AnnounceDatasets(cids []string) (*types.Transaction, error) {
	return _Marketplace.Contract.AnnounceDatasets(&_Marketplace.TransactOpts, cids)
}

// CancelOrder is a paid mutator transaction binding the contract method 0x7489ec23.
//
// Solidity: function cancelOrder(bytes32 orderId) returns()
func (_Marketplace *MarketplaceTransactor) CancelOrder(opts *bind.TransactOpts, orderId [32]byte) (*types.Transaction, error) {
	return _Marketplace.contract.Transact(opts, "cancelOrder", orderId)
}

// CancelOrder is a paid mutator transaction binding the contract method 0x7489ec23.
//
// Solidity: function cancelOrder(bytes32 orderId) returns()
func (_Marketplace *MarketplaceSession) CancelOrder(orderId [32]byte) (*types.Transaction, error) {
	return _Marketplace.Contract.CancelOrder(&_Marketplace.TransactOpts, orderId)
}

// CancelOrder is a paid mutator transaction binding the contract method 0x7489ec23.
//
// Solidity: function cancelOrder(bytes32 orderId) returns()
func (_Marketplace *MarketplaceTransactorSession) CancelOrder(orderId [32]byte) (*types.Transaction, error) {
	return _Marketplace.Contract.CancelOrder(&_Marketplace.TransactOpts, orderId)
}

// CreateOrder is a paid mutator transaction binding the contract method 0x8d6f51a7.
//
// Solidity: function createOrder(bytes32 orderId, string provider, uint256 nonce, bytes32 paymentKey, uint256 priceAmount, uint64 pricePeriod, uint64 duration, bytes spec) payable returns()
func (_Marketplace *MarketplaceTransactor) CreateOrder(opts *bind.TransactOpts, orderId [32]byte, provider string, nonce *big.Int, paymentKey [32]byte, priceAmount *big.Int, pricePeriod uint64, duration uint64, spec []byte) (*types.Transaction, error) {
	return _Marketplace.contract.Transact(opts, "createOrder", orderId, provider, nonce, paymentKey, priceAmount, pricePeriod, duration, spec)
}

// CreateOrder is a paid mutator transaction binding the contract method 0x8d6f51a7.
//
// Solidity: function createOrder(bytes32 orderId, string provider, uint256 nonce, bytes32 paymentKey, uint256 priceAmount, uint64 pricePeriod, uint64 duration, bytes spec) payable returns()
func (_Marketplace *MarketplaceSession) CreateOrder(orderId [32]byte, provider string, nonce *big.Int, paymentKey [32]byte, priceAmount *big.Int, pricePeriod uint64, duration uint64, spec []byte) (*types.Transaction, error) {
	return _Marketplace.Contract.CreateOrder(&_Marketplace.TransactOpts, orderId, provider, nonce, paymentKey, priceAmount, pricePeriod, duration, spec)
}

// CreateOrder is a paid mutator transaction binding the contract method 0x8d6f51a7.
//
// Solidity: function createOrder(bytes32 orderId, string provider, uint256 nonce, bytes32 paymentKey, uint256 priceAmount, uint64 pricePeriod, uint64 duration, bytes spec) payable returns()
func (_Marketplace *MarketplaceTransactorSession) CreateOrder(orderId [32]byte, provider string, nonce *big.Int, paymentKey [32]byte, priceAmount *big.Int, pricePeriod uint64, duration uint64, spec []byte) (*types.Transaction, error) {
	return _Marketplace.Contract.CreateOrder(&_Marketplace.TransactOpts, orderId, provider, nonce, paymentKey, priceAmount, pricePeriod, duration, spec)
}

// Rate is a paid mutator transaction binding the contract method 0xbacca527.
//
// Solidity: function rate(bytes32 orderId, uint8 score) returns()
func (_Marketplace *MarketplaceTransactor) Rate(opts *bind.TransactOpts, orderId [32]byte, score uint8) (*types.Transaction, error) {
	return _Marketplace.contract.Transact(opts, "rate", orderId, score)
}

// Rate is a paid mutator transaction binding the contract method 0xbacca527.
//
// Solidity: function rate(bytes32 orderId, uint8 score) returns()
func (_Marketplace *MarketplaceSession) Rate(orderId [32]byte, score uint8) (*types.Transaction, error) {
	return _Marketplace.Contract.Rate(&_Marketplace.TransactOpts, orderId, score)
}

// Rate is a paid mutator transaction binding the contract method 0xbacca527.
//
// Solidity: function rate(bytes32 orderId, uint8 score) returns()
func (_Marketplace *MarketplaceTransactorSession) Rate(orderId [32]byte, score uint8) (*types.Transaction, error) {
	return _Marketplace.Contract.Rate(&_Marketplace.TransactOpts, orderId, score)
}

// Reclaim is a paid mutator transaction binding the contract method 0x96afb365.
//
// Solidity: function reclaim(bytes32 orderId) returns()
func (_Marketplace *MarketplaceTransactor) Reclaim(opts *bind.TransactOpts, orderId [32]byte) (*types.Transaction, error) {
	return _Marketplace.contract.Transact(opts, "reclaim", orderId)
}

// Reclaim is a paid mutator transaction binding the contract method 0x96afb365.
//
// Solidity: function reclaim(bytes32 orderId) returns()
func (_Marketplace *MarketplaceSession) Reclaim(orderId [32]byte) (*types.Transaction, error) {
	return _Marketplace.Contract.Reclaim(&_Marketplace.TransactOpts, orderId)
}

// Reclaim is a paid mutator transaction binding the contract method 0x96afb365.
//
// Solidity: function reclaim(bytes32 orderId) returns()
func (_Marketplace *MarketplaceTransactorSession) Reclaim(orderId [32]byte) (*types.Transaction, error) {
	return _Marketplace.Contract.Reclaim(&_Marketplace.TransactOpts, orderId)
}

// RegisterProvider is a paid mutator transaction binding the contract method 0xacbd4fa7.
//
// Solidity: function registerProvider(string minerId, string endpoint, bytes32 hostKeyFingerprint, string metadata) returns()
func (_Marketplace *MarketplaceTransactor) RegisterProvider(opts *bind.TransactOpts, minerId string, endpoint string, hostKeyFingerprint [32]byte, metadata string) (*types.Transaction, error) {
	return _Marketplace.contract.Transact(opts, "registerProvider", minerId, endpoint, hostKeyFingerprint, metadata)
}

// RegisterProvider is a paid mutator transaction binding the contract method 0xacbd4fa7.
//
// Solidity: function registerProvider(string minerId, string endpoint, bytes32 hostKeyFingerprint, string metadata) returns()
func (_Marketplace *MarketplaceSession) RegisterProvider(minerId string, endpoint string, hostKeyFingerprint [32]byte, metadata string) (*types.Transaction, error) {
	return _Marketplace.Contract.RegisterProvider(&_Marketplace.TransactOpts, minerId, endpoint, hostKeyFingerprint, metadata)
}

// RegisterProvider is a paid mutator transaction binding the contract method 0xacbd4fa7.
//
// Solidity: function registerProvider(string minerId, string endpoint, bytes32 hostKeyFingerprint, string metadata) returns()
func (_Marketplace *MarketplaceTransactorSession) RegisterProvider(minerId string, endpoint string, hostKeyFingerprint [32]byte, metadata string) (*types.Transaction, error) {
	return _Marketplace.Contract.RegisterProvider(&_Marketplace.TransactOpts, minerId, endpoint, hostKeyFingerprint, metadata)
}

// RejectOrder is a paid mutator transaction binding the contract method 0x1be25cef.
//
// Solidity: function rejectOrder(bytes32 orderId, string reason) returns()
func (_Marketplace *MarketplaceTransactor) RejectOrder(opts *bind.TransactOpts, orderId [32]byte, reason string) (*types.Transaction, error) {
	return _Marketplace.contract.Transact(opts, "rejectOrder", orderId, reason)
}

// RejectOrder is a paid mutator transaction binding the contract method 0x1be25cef.
//
// Solidity: function rejectOrder(bytes32 orderId, string reason) returns()
func (_Marketplace *MarketplaceSession) RejectOrder(orderId [32]byte, reason string) (*types.Transaction, error) {
	return _Marketplace.Contract.RejectOrder(&_Marketplace.TransactOpts, orderId, reason)
}

// RejectOrder is a paid mutator transaction binding the contract method 0x1be25cef.
//
// Solidity: function rejectOrder(bytes32 orderId, string reason) returns()
func (_Marketplace *MarketplaceTransactorSession) RejectOrder(orderId [32]byte, reason string) (*types.Transaction, error) {
	return _Marketplace.Contract.RejectOrder(&_Marketplace.TransactOpts, orderId, reason)
}

// Release is a paid mutator transaction binding the contract method 0xfb3631f2.
//
// Solidity: function release(bytes32 orderId, string reason) returns()
func (_Marketplace *MarketplaceTransactor) Release(opts *bind.TransactOpts, orderId [32]byte, reason string) (*types.Transaction, error) {
	return _Marketplace.contract.Transact(opts, "release", orderId, reason)
}

// Release is a paid mutator transaction binding the contract method 0xfb3631f2.
//
// Solidity: function release(bytes32 orderId, string reason) returns()
func (_Marketplace *MarketplaceSession) Release(orderId [32]byte, reason string) (*types.Transaction, error) {
	return _Marketplace.Contract.Release(&_Marketplace.TransactOpts, orderId, reason)
}

// Release is a paid mutator transaction binding the contract method 0xfb3631f2.
//
// Solidity: function release(bytes32 orderId, string reason) returns()
func (_Marketplace *MarketplaceTransactorSession) Release(orderId [32]byte, reason string) (*types.Transaction, error) {
	return _Marketplace.Contract.Release(&_Marketplace.TransactOpts, orderId, reason)
}

// RetractDatasets is a paid mutator transaction binding the contract method 0x397e222c.
//
// Solidity: function retractDatasets(string[] cids) returns()
func (_Marketplace *MarketplaceTransactor) RetractDatasets(opts *bind.TransactOpts, cids []string) (*types.Transaction, error) {
	return _Marketplace.contract.Transact(opts, "retractDatasets", cids)
}

// RetractDatasets is a paid mutator transaction binding the contract method 0x397e222c.
//
// Solidity: function retractDatasets(string[] cids) returns()
func (_Marketplace *MarketplaceSession) RetractDatasets(cids []string) (*types.Transaction, error) {
	return _Marketplace.Contract.RetractDatasets(&_Marketplace.TransactOpts, cids)
}

// RetractDatasets is a paid mutator transaction binding the contract method 0x397e222c.
//
// Solidity: function retractDatasets(string[] cids) returns()
func (_Marketplace *MarketplaceTransactorSession) RetractDatasets(cids []string) (*types.Transaction, error) {
	return _Marketplace.Contract.RetractDatasets(&_Marketplace.TransactOpts, cids)
}

// SettleBatch is a paid mutator transaction binding the contract method 0xf2eeb3f9.
//
// Solidity: function settleBatch(bytes32[] orderIds, uint256[] amounts, bytes proof) returns()
func (_Marketplace *MarketplaceTransactor) SettleBatch(opts *bind.TransactOpts, orderIds [][32]byte, amounts []*big.Int, proof []byte) (*types.Transaction, error) {
	return _Marketplace.contract.Transact(opts, "settleBatch", orderIds, amounts, proof)
}

// SettleBatch is a paid mutator transaction binding the contract method 0xf2eeb3f9.
//
// Solidity: function settleBatch(bytes32[] orderIds, uint256[] amounts, bytes proof) returns()
func (_Marketplace *MarketplaceSession) SettleBatch(orderIds [][32]byte, amounts []*big.Int, proof []byte) (*types.Transaction, error) {
	return _Marketplace.Contract.SettleBatch(&_Marketplace.TransactOpts, orderIds, amounts, proof)
}

// SettleBatch is a paid mutator transaction binding the contract method 0xf2eeb3f9.
//
// Solidity: function settleBatch(bytes32[] orderIds, uint256[] amounts, bytes proof) returns()
func (_Marketplace *MarketplaceTransactorSession) SettleBatch(orderIds [][32]byte, amounts []*big.Int, proof []byte) (*types.Transaction, error) {
	return _Marketplace.Contract.SettleBatch(&_Marketplace.TransactOpts, orderIds, amounts, proof)
}

// StartLease is a paid mutator transaction binding the contract method 0xad2f80e8.
//
// Solidity: function startLease(bytes32 orderId, string endpoint) returns()
func (_Marketplace *MarketplaceTransactor) StartLease(opts *bind.TransactOpts, orderId [32]byte, endpoint string) (*types.Transaction, error) {
	return _Marketplace.contract.Transact(opts, "startLease", orderId, endpoint)
}

// StartLease is a paid mutator transaction binding the contract method 0xad2f80e8.
//
// Solidity: function startLease(bytes32 orderId, string endpoint) returns()
func (_Marketplace *MarketplaceSession) StartLease(orderId [32]byte, endpoint string) (*types.Transaction, error) {
	return _Marketplace.Contract.StartLease(&_Marketplace.TransactOpts, orderId, endpoint)
}

// StartLease is a paid mutator transaction binding the contract method 0xad2f80e8.
//
// Solidity: function startLease(bytes32 orderId, string endpoint) returns()
func (_Marketplace *MarketplaceTransactorSession) StartLease(orderId [32]byte, endpoint string) (*types.Transaction, error) {
	return _Marketplace.Contract.StartLease(&_Marketplace.TransactOpts, orderId, endpoint)
}

// Terminate is a paid mutator transaction binding the contract method 0x87b1002a.
//
// Solidity: function terminate(bytes32 orderId) returns()
func (_Marketplace *MarketplaceTransactor) Terminate(opts *bind.TransactOpts, orderId [32]byte) (*types.Transaction, error) {
	return _Marketplace.contract.Transact(opts, "terminate", orderId)
}

// Terminate is a paid mutator transaction binding the contract method 0x87b1002a.
//
// Solidity: function terminate(bytes32 orderId) returns()
func (_Marketplace *MarketplaceSession) Terminate(orderId [32]byte) (*types.Transaction, error) {
	return _Marketplace.Contract.Terminate(&_Marketplace.TransactOpts, orderId)
}

// Terminate is a paid mutator transaction binding the contract method 0x87b1002a.
//
// Solidity: function terminate(bytes32 orderId) returns()
func (_Marketplace *MarketplaceTransactorSession) Terminate(orderId [32]byte) (*types.Transaction, error) {
	return _Marketplace.Contract.Terminate(&_Marketplace.TransactOpts, orderId)
}

// UpdateProvider is a paid mutator transaction binding the contract method 0x67b0441d.
//
// Solidity: function updateProvider(string endpoint, bytes32 hostKeyFingerprint, string metadata) returns()
func (_Marketplace *MarketplaceTransactor) UpdateProvider(opts *bind.TransactOpts, endpoint string, hostKeyFingerprint [32]byte, metadata string) (*types.Transaction, error) {
	return _Marketplace.contract.Transact(opts, "updateProvider", endpoint, hostKeyFingerprint, metadata)
}

// UpdateProvider is a paid mutator transaction binding the contract method 0x67b0441d.
//
// Solidity: function updateProvider(string endpoint, bytes32 hostKeyFingerprint, string metadata) returns()
func (_Marketplace *MarketplaceSession) UpdateProvider(endpoint string, hostKeyFingerprint [32]byte, metadata string) (*types.Transaction, error) {
	return _Marketplace.Contract.UpdateProvider(&_Marketplace.TransactOpts, endpoint, hostKeyFingerprint, metadata)
}

// UpdateProvider is a paid mutator transaction binding the contract method 0x67b0441d.
//
// Solidity: function updateProvider(string endpoint, bytes32 hostKeyFingerprint, string metadata) returns()
func (_Marketplace *MarketplaceTransactorSession) UpdateProvider(endpoint string, hostKeyFingerprint [32]byte, metadata string) (*types.Transaction, error) {
	return _Marketplace.Contract.UpdateProvider(&_Marketplace.TransactOpts, endpoint, hostKeyFingerprint, metadata)
}

// Withdraw is a paid mutator transaction binding the contract method 0x3ccfd60b.
//
// Solidity: function withdraw() returns()
func (_Marketplace *MarketplaceTransactor) Withdraw(opts *bind.TransactOpts) (*types.Transaction, error) {
	return _Marketplace.contract.Transact(opts, "withdraw")
}

// Withdraw is a paid mutator transaction binding the contract method 0x3ccfd60b.
//
// Solidity: function withdraw() returns()
func (_Marketplace *MarketplaceSession) Withdraw() (*types.Transaction, error) {
	return _Marketplace.Contract.Withdraw(&_Marketplace.TransactOpts)
}

// Withdraw is a paid mutator transaction binding the contract method 0x3ccfd60b.
//
// Solidity: function withdraw() returns()
func (_Marketplace *MarketplaceTransactorSession) Withdraw() (*types.Transaction, error) {
	return _Marketplace.Contract.Withdraw(&_Marketplace.TransactOpts)
}

// MarketplaceBatchSettledIterator is returned from FilterBatchSettled and is used to iterate over the raw logs and unpacked data for BatchSettled events raised by the Marketplace contract.
type MarketplaceBatchSettledIterator struct {
	Event *MarketplaceBatchSettled // Event containing the contract specifics and raw log

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
func (it *MarketplaceBatchSettledIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(MarketplaceBatchSettled)
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
		it.Event = new(MarketplaceBatchSettled)
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
func (it *MarketplaceBatchSettledIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *MarketplaceBatchSettledIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// MarketplaceBatchSettled represents a BatchSettled event raised by the Marketplace contract.
type MarketplaceBatchSettled struct {
	Provider   common.Address
	Count      *big.Int
	Commitment *big.Int
	Raw        types.Log // Blockchain specific contextual infos
}

// FilterBatchSettled is a free log retrieval operation binding the contract event 0x0d6d85f3008924dae0b1a32d4282a496a9a01be312d238d9d229c8a0d401ffe3.
//
// Solidity: event BatchSettled(address indexed provider, uint256 count, uint256 commitment)
func (_Marketplace *MarketplaceFilterer) FilterBatchSettled(opts *bind.FilterOpts, provider []common.Address) (*MarketplaceBatchSettledIterator, error) {

	var providerRule []interface{}
	for _, providerItem := range provider {
		providerRule = append(providerRule, providerItem)
	}

	logs, sub, err := _Marketplace.contract.FilterLogs(opts, "BatchSettled", providerRule)
	if err != nil {
		return nil, err
	}
	return &MarketplaceBatchSettledIterator{contract: _Marketplace.contract, event: "BatchSettled", logs: logs, sub: sub}, nil
}

// WatchBatchSettled is a free log subscription operation binding the contract event 0x0d6d85f3008924dae0b1a32d4282a496a9a01be312d238d9d229c8a0d401ffe3.
//
// Solidity: event BatchSettled(address indexed provider, uint256 count, uint256 commitment)
func (_Marketplace *MarketplaceFilterer) WatchBatchSettled(opts *bind.WatchOpts, sink chan<- *MarketplaceBatchSettled, provider []common.Address) (event.Subscription, error) {

	var providerRule []interface{}
	for _, providerItem := range provider {
		providerRule = append(providerRule, providerItem)
	}

	logs, sub, err := _Marketplace.contract.WatchLogs(opts, "BatchSettled", providerRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(MarketplaceBatchSettled)
				if err := _Marketplace.contract.UnpackLog(event, "BatchSettled", log); err != nil {
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
func (_Marketplace *MarketplaceFilterer) ParseBatchSettled(log types.Log) (*MarketplaceBatchSettled, error) {
	event := new(MarketplaceBatchSettled)
	if err := _Marketplace.contract.UnpackLog(event, "BatchSettled", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// MarketplaceDatasetAnnouncedIterator is returned from FilterDatasetAnnounced and is used to iterate over the raw logs and unpacked data for DatasetAnnounced events raised by the Marketplace contract.
type MarketplaceDatasetAnnouncedIterator struct {
	Event *MarketplaceDatasetAnnounced // Event containing the contract specifics and raw log

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
func (it *MarketplaceDatasetAnnouncedIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(MarketplaceDatasetAnnounced)
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
		it.Event = new(MarketplaceDatasetAnnounced)
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
func (it *MarketplaceDatasetAnnouncedIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *MarketplaceDatasetAnnouncedIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// MarketplaceDatasetAnnounced represents a DatasetAnnounced event raised by the Marketplace contract.
type MarketplaceDatasetAnnounced struct {
	Provider common.Address
	Cid      string
	Raw      types.Log // Blockchain specific contextual infos
}

// FilterDatasetAnnounced is a free log retrieval operation binding the contract event 0xa4411576a5b54af9d5bb2604e905bfc8eba4cd1081f5f93882111fb506b18d06.
//
// Solidity: event DatasetAnnounced(address indexed provider, string cid)
func (_Marketplace *MarketplaceFilterer) FilterDatasetAnnounced(opts *bind.FilterOpts, provider []common.Address) (*MarketplaceDatasetAnnouncedIterator, error) {

	var providerRule []interface{}
	for _, providerItem := range provider {
		providerRule = append(providerRule, providerItem)
	}

	logs, sub, err := _Marketplace.contract.FilterLogs(opts, "DatasetAnnounced", providerRule)
	if err != nil {
		return nil, err
	}
	return &MarketplaceDatasetAnnouncedIterator{contract: _Marketplace.contract, event: "DatasetAnnounced", logs: logs, sub: sub}, nil
}

// WatchDatasetAnnounced is a free log subscription operation binding the contract event 0xa4411576a5b54af9d5bb2604e905bfc8eba4cd1081f5f93882111fb506b18d06.
//
// Solidity: event DatasetAnnounced(address indexed provider, string cid)
func (_Marketplace *MarketplaceFilterer) WatchDatasetAnnounced(opts *bind.WatchOpts, sink chan<- *MarketplaceDatasetAnnounced, provider []common.Address) (event.Subscription, error) {

	var providerRule []interface{}
	for _, providerItem := range provider {
		providerRule = append(providerRule, providerItem)
	}

	logs, sub, err := _Marketplace.contract.WatchLogs(opts, "DatasetAnnounced", providerRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(MarketplaceDatasetAnnounced)
				if err := _Marketplace.contract.UnpackLog(event, "DatasetAnnounced", log); err != nil {
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
func (_Marketplace *MarketplaceFilterer) ParseDatasetAnnounced(log types.Log) (*MarketplaceDatasetAnnounced, error) {
	event := new(MarketplaceDatasetAnnounced)
	if err := _Marketplace.contract.UnpackLog(event, "DatasetAnnounced", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// MarketplaceDatasetRetractedIterator is returned from FilterDatasetRetracted and is used to iterate over the raw logs and unpacked data for DatasetRetracted events raised by the Marketplace contract.
type MarketplaceDatasetRetractedIterator struct {
	Event *MarketplaceDatasetRetracted // Event containing the contract specifics and raw log

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
func (it *MarketplaceDatasetRetractedIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(MarketplaceDatasetRetracted)
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
		it.Event = new(MarketplaceDatasetRetracted)
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
func (it *MarketplaceDatasetRetractedIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *MarketplaceDatasetRetractedIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// MarketplaceDatasetRetracted represents a DatasetRetracted event raised by the Marketplace contract.
type MarketplaceDatasetRetracted struct {
	Provider common.Address
	Cid      string
	Raw      types.Log // Blockchain specific contextual infos
}

// FilterDatasetRetracted is a free log retrieval operation binding the contract event 0x2342e2ad80b0e05e703c569cfcfae689b2fef456ffa2429b2e28af4b49d2464e.
//
// Solidity: event DatasetRetracted(address indexed provider, string cid)
func (_Marketplace *MarketplaceFilterer) FilterDatasetRetracted(opts *bind.FilterOpts, provider []common.Address) (*MarketplaceDatasetRetractedIterator, error) {

	var providerRule []interface{}
	for _, providerItem := range provider {
		providerRule = append(providerRule, providerItem)
	}

	logs, sub, err := _Marketplace.contract.FilterLogs(opts, "DatasetRetracted", providerRule)
	if err != nil {
		return nil, err
	}
	return &MarketplaceDatasetRetractedIterator{contract: _Marketplace.contract, event: "DatasetRetracted", logs: logs, sub: sub}, nil
}

// WatchDatasetRetracted is a free log subscription operation binding the contract event 0x2342e2ad80b0e05e703c569cfcfae689b2fef456ffa2429b2e28af4b49d2464e.
//
// Solidity: event DatasetRetracted(address indexed provider, string cid)
func (_Marketplace *MarketplaceFilterer) WatchDatasetRetracted(opts *bind.WatchOpts, sink chan<- *MarketplaceDatasetRetracted, provider []common.Address) (event.Subscription, error) {

	var providerRule []interface{}
	for _, providerItem := range provider {
		providerRule = append(providerRule, providerItem)
	}

	logs, sub, err := _Marketplace.contract.WatchLogs(opts, "DatasetRetracted", providerRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(MarketplaceDatasetRetracted)
				if err := _Marketplace.contract.UnpackLog(event, "DatasetRetracted", log); err != nil {
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
func (_Marketplace *MarketplaceFilterer) ParseDatasetRetracted(log types.Log) (*MarketplaceDatasetRetracted, error) {
	event := new(MarketplaceDatasetRetracted)
	if err := _Marketplace.contract.UnpackLog(event, "DatasetRetracted", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// MarketplaceLeaseStartedIterator is returned from FilterLeaseStarted and is used to iterate over the raw logs and unpacked data for LeaseStarted events raised by the Marketplace contract.
type MarketplaceLeaseStartedIterator struct {
	Event *MarketplaceLeaseStarted // Event containing the contract specifics and raw log

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
func (it *MarketplaceLeaseStartedIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(MarketplaceLeaseStarted)
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
		it.Event = new(MarketplaceLeaseStarted)
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
func (it *MarketplaceLeaseStartedIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *MarketplaceLeaseStartedIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// MarketplaceLeaseStarted represents a LeaseStarted event raised by the Marketplace contract.
type MarketplaceLeaseStarted struct {
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
func (_Marketplace *MarketplaceFilterer) FilterLeaseStarted(opts *bind.FilterOpts, orderId [][32]byte, provider []common.Address) (*MarketplaceLeaseStartedIterator, error) {

	var orderIdRule []interface{}
	for _, orderIdItem := range orderId {
		orderIdRule = append(orderIdRule, orderIdItem)
	}
	var providerRule []interface{}
	for _, providerItem := range provider {
		providerRule = append(providerRule, providerItem)
	}

	logs, sub, err := _Marketplace.contract.FilterLogs(opts, "LeaseStarted", orderIdRule, providerRule)
	if err != nil {
		return nil, err
	}
	return &MarketplaceLeaseStartedIterator{contract: _Marketplace.contract, event: "LeaseStarted", logs: logs, sub: sub}, nil
}

// WatchLeaseStarted is a free log subscription operation binding the contract event 0x377fdbe761718eb2abe2e1e4f25893576f73f700607d9ab57628d7810540dc34.
//
// Solidity: event LeaseStarted(bytes32 indexed orderId, address indexed provider, string endpoint, uint64 startedAt, uint64 endTime)
func (_Marketplace *MarketplaceFilterer) WatchLeaseStarted(opts *bind.WatchOpts, sink chan<- *MarketplaceLeaseStarted, orderId [][32]byte, provider []common.Address) (event.Subscription, error) {

	var orderIdRule []interface{}
	for _, orderIdItem := range orderId {
		orderIdRule = append(orderIdRule, orderIdItem)
	}
	var providerRule []interface{}
	for _, providerItem := range provider {
		providerRule = append(providerRule, providerItem)
	}

	logs, sub, err := _Marketplace.contract.WatchLogs(opts, "LeaseStarted", orderIdRule, providerRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(MarketplaceLeaseStarted)
				if err := _Marketplace.contract.UnpackLog(event, "LeaseStarted", log); err != nil {
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
func (_Marketplace *MarketplaceFilterer) ParseLeaseStarted(log types.Log) (*MarketplaceLeaseStarted, error) {
	event := new(MarketplaceLeaseStarted)
	if err := _Marketplace.contract.UnpackLog(event, "LeaseStarted", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// MarketplaceLeaseTerminatedIterator is returned from FilterLeaseTerminated and is used to iterate over the raw logs and unpacked data for LeaseTerminated events raised by the Marketplace contract.
type MarketplaceLeaseTerminatedIterator struct {
	Event *MarketplaceLeaseTerminated // Event containing the contract specifics and raw log

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
func (it *MarketplaceLeaseTerminatedIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(MarketplaceLeaseTerminated)
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
		it.Event = new(MarketplaceLeaseTerminated)
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
func (it *MarketplaceLeaseTerminatedIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *MarketplaceLeaseTerminatedIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// MarketplaceLeaseTerminated represents a LeaseTerminated event raised by the Marketplace contract.
type MarketplaceLeaseTerminated struct {
	OrderId [32]byte
	Client  common.Address
	EndTime uint64
	Raw     types.Log // Blockchain specific contextual infos
}

// FilterLeaseTerminated is a free log retrieval operation binding the contract event 0x639bfed31ef8bc64234b1389cce6b65de66f031fcba8a794cff536598d7e770e.
//
// Solidity: event LeaseTerminated(bytes32 indexed orderId, address indexed client, uint64 endTime)
func (_Marketplace *MarketplaceFilterer) FilterLeaseTerminated(opts *bind.FilterOpts, orderId [][32]byte, client []common.Address) (*MarketplaceLeaseTerminatedIterator, error) {

	var orderIdRule []interface{}
	for _, orderIdItem := range orderId {
		orderIdRule = append(orderIdRule, orderIdItem)
	}
	var clientRule []interface{}
	for _, clientItem := range client {
		clientRule = append(clientRule, clientItem)
	}

	logs, sub, err := _Marketplace.contract.FilterLogs(opts, "LeaseTerminated", orderIdRule, clientRule)
	if err != nil {
		return nil, err
	}
	return &MarketplaceLeaseTerminatedIterator{contract: _Marketplace.contract, event: "LeaseTerminated", logs: logs, sub: sub}, nil
}

// WatchLeaseTerminated is a free log subscription operation binding the contract event 0x639bfed31ef8bc64234b1389cce6b65de66f031fcba8a794cff536598d7e770e.
//
// Solidity: event LeaseTerminated(bytes32 indexed orderId, address indexed client, uint64 endTime)
func (_Marketplace *MarketplaceFilterer) WatchLeaseTerminated(opts *bind.WatchOpts, sink chan<- *MarketplaceLeaseTerminated, orderId [][32]byte, client []common.Address) (event.Subscription, error) {

	var orderIdRule []interface{}
	for _, orderIdItem := range orderId {
		orderIdRule = append(orderIdRule, orderIdItem)
	}
	var clientRule []interface{}
	for _, clientItem := range client {
		clientRule = append(clientRule, clientItem)
	}

	logs, sub, err := _Marketplace.contract.WatchLogs(opts, "LeaseTerminated", orderIdRule, clientRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(MarketplaceLeaseTerminated)
				if err := _Marketplace.contract.UnpackLog(event, "LeaseTerminated", log); err != nil {
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
func (_Marketplace *MarketplaceFilterer) ParseLeaseTerminated(log types.Log) (*MarketplaceLeaseTerminated, error) {
	event := new(MarketplaceLeaseTerminated)
	if err := _Marketplace.contract.UnpackLog(event, "LeaseTerminated", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// MarketplaceOrderAcceptedIterator is returned from FilterOrderAccepted and is used to iterate over the raw logs and unpacked data for OrderAccepted events raised by the Marketplace contract.
type MarketplaceOrderAcceptedIterator struct {
	Event *MarketplaceOrderAccepted // Event containing the contract specifics and raw log

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
func (it *MarketplaceOrderAcceptedIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(MarketplaceOrderAccepted)
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
		it.Event = new(MarketplaceOrderAccepted)
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
func (it *MarketplaceOrderAcceptedIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *MarketplaceOrderAcceptedIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// MarketplaceOrderAccepted represents a OrderAccepted event raised by the Marketplace contract.
type MarketplaceOrderAccepted struct {
	OrderId    [32]byte
	Provider   common.Address
	Collateral *big.Int
	EndTime    uint64
	Raw        types.Log // Blockchain specific contextual infos
}

// FilterOrderAccepted is a free log retrieval operation binding the contract event 0x5087147a6f3ea3c12cce47868600b3b86e42d822051313b0f372d04446cc14e8.
//
// Solidity: event OrderAccepted(bytes32 indexed orderId, address indexed provider, uint256 collateral, uint64 endTime)
func (_Marketplace *MarketplaceFilterer) FilterOrderAccepted(opts *bind.FilterOpts, orderId [][32]byte, provider []common.Address) (*MarketplaceOrderAcceptedIterator, error) {

	var orderIdRule []interface{}
	for _, orderIdItem := range orderId {
		orderIdRule = append(orderIdRule, orderIdItem)
	}
	var providerRule []interface{}
	for _, providerItem := range provider {
		providerRule = append(providerRule, providerItem)
	}

	logs, sub, err := _Marketplace.contract.FilterLogs(opts, "OrderAccepted", orderIdRule, providerRule)
	if err != nil {
		return nil, err
	}
	return &MarketplaceOrderAcceptedIterator{contract: _Marketplace.contract, event: "OrderAccepted", logs: logs, sub: sub}, nil
}

// WatchOrderAccepted is a free log subscription operation binding the contract event 0x5087147a6f3ea3c12cce47868600b3b86e42d822051313b0f372d04446cc14e8.
//
// Solidity: event OrderAccepted(bytes32 indexed orderId, address indexed provider, uint256 collateral, uint64 endTime)
func (_Marketplace *MarketplaceFilterer) WatchOrderAccepted(opts *bind.WatchOpts, sink chan<- *MarketplaceOrderAccepted, orderId [][32]byte, provider []common.Address) (event.Subscription, error) {

	var orderIdRule []interface{}
	for _, orderIdItem := range orderId {
		orderIdRule = append(orderIdRule, orderIdItem)
	}
	var providerRule []interface{}
	for _, providerItem := range provider {
		providerRule = append(providerRule, providerItem)
	}

	logs, sub, err := _Marketplace.contract.WatchLogs(opts, "OrderAccepted", orderIdRule, providerRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(MarketplaceOrderAccepted)
				if err := _Marketplace.contract.UnpackLog(event, "OrderAccepted", log); err != nil {
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
func (_Marketplace *MarketplaceFilterer) ParseOrderAccepted(log types.Log) (*MarketplaceOrderAccepted, error) {
	event := new(MarketplaceOrderAccepted)
	if err := _Marketplace.contract.UnpackLog(event, "OrderAccepted", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// MarketplaceOrderCancelledIterator is returned from FilterOrderCancelled and is used to iterate over the raw logs and unpacked data for OrderCancelled events raised by the Marketplace contract.
type MarketplaceOrderCancelledIterator struct {
	Event *MarketplaceOrderCancelled // Event containing the contract specifics and raw log

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
func (it *MarketplaceOrderCancelledIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(MarketplaceOrderCancelled)
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
		it.Event = new(MarketplaceOrderCancelled)
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
func (it *MarketplaceOrderCancelledIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *MarketplaceOrderCancelledIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// MarketplaceOrderCancelled represents a OrderCancelled event raised by the Marketplace contract.
type MarketplaceOrderCancelled struct {
	OrderId [32]byte
	Client  common.Address
	Refund  *big.Int
	Raw     types.Log // Blockchain specific contextual infos
}

// FilterOrderCancelled is a free log retrieval operation binding the contract event 0xb2705df32ac67fc3101f496cd7036bf59074a603544d97d73650b6f09744986a.
//
// Solidity: event OrderCancelled(bytes32 indexed orderId, address indexed client, uint256 refund)
func (_Marketplace *MarketplaceFilterer) FilterOrderCancelled(opts *bind.FilterOpts, orderId [][32]byte, client []common.Address) (*MarketplaceOrderCancelledIterator, error) {

	var orderIdRule []interface{}
	for _, orderIdItem := range orderId {
		orderIdRule = append(orderIdRule, orderIdItem)
	}
	var clientRule []interface{}
	for _, clientItem := range client {
		clientRule = append(clientRule, clientItem)
	}

	logs, sub, err := _Marketplace.contract.FilterLogs(opts, "OrderCancelled", orderIdRule, clientRule)
	if err != nil {
		return nil, err
	}
	return &MarketplaceOrderCancelledIterator{contract: _Marketplace.contract, event: "OrderCancelled", logs: logs, sub: sub}, nil
}

// WatchOrderCancelled is a free log subscription operation binding the contract event 0xb2705df32ac67fc3101f496cd7036bf59074a603544d97d73650b6f09744986a.
//
// Solidity: event OrderCancelled(bytes32 indexed orderId, address indexed client, uint256 refund)
func (_Marketplace *MarketplaceFilterer) WatchOrderCancelled(opts *bind.WatchOpts, sink chan<- *MarketplaceOrderCancelled, orderId [][32]byte, client []common.Address) (event.Subscription, error) {

	var orderIdRule []interface{}
	for _, orderIdItem := range orderId {
		orderIdRule = append(orderIdRule, orderIdItem)
	}
	var clientRule []interface{}
	for _, clientItem := range client {
		clientRule = append(clientRule, clientItem)
	}

	logs, sub, err := _Marketplace.contract.WatchLogs(opts, "OrderCancelled", orderIdRule, clientRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(MarketplaceOrderCancelled)
				if err := _Marketplace.contract.UnpackLog(event, "OrderCancelled", log); err != nil {
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
func (_Marketplace *MarketplaceFilterer) ParseOrderCancelled(log types.Log) (*MarketplaceOrderCancelled, error) {
	event := new(MarketplaceOrderCancelled)
	if err := _Marketplace.contract.UnpackLog(event, "OrderCancelled", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// MarketplaceOrderCreatedIterator is returned from FilterOrderCreated and is used to iterate over the raw logs and unpacked data for OrderCreated events raised by the Marketplace contract.
type MarketplaceOrderCreatedIterator struct {
	Event *MarketplaceOrderCreated // Event containing the contract specifics and raw log

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
func (it *MarketplaceOrderCreatedIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(MarketplaceOrderCreated)
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
		it.Event = new(MarketplaceOrderCreated)
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
func (it *MarketplaceOrderCreatedIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *MarketplaceOrderCreatedIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// MarketplaceOrderCreated represents a OrderCreated event raised by the Marketplace contract.
type MarketplaceOrderCreated struct {
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
func (_Marketplace *MarketplaceFilterer) FilterOrderCreated(opts *bind.FilterOpts, orderId [][32]byte, client []common.Address, provider []common.Address) (*MarketplaceOrderCreatedIterator, error) {

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

	logs, sub, err := _Marketplace.contract.FilterLogs(opts, "OrderCreated", orderIdRule, clientRule, providerRule)
	if err != nil {
		return nil, err
	}
	return &MarketplaceOrderCreatedIterator{contract: _Marketplace.contract, event: "OrderCreated", logs: logs, sub: sub}, nil
}

// WatchOrderCreated is a free log subscription operation binding the contract event 0x2b22d5e19f0b75b6000b01b4fc65bcc6404682715b1fe738bdb18675dd69686b.
//
// Solidity: event OrderCreated(bytes32 indexed orderId, address indexed client, address indexed provider, string minerId, uint256 nonce, bytes32 paymentKey, uint256 priceAmount, uint64 pricePeriod, uint64 duration, uint256 escrow, bytes32 specHash, bytes spec)
func (_Marketplace *MarketplaceFilterer) WatchOrderCreated(opts *bind.WatchOpts, sink chan<- *MarketplaceOrderCreated, orderId [][32]byte, client []common.Address, provider []common.Address) (event.Subscription, error) {

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

	logs, sub, err := _Marketplace.contract.WatchLogs(opts, "OrderCreated", orderIdRule, clientRule, providerRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(MarketplaceOrderCreated)
				if err := _Marketplace.contract.UnpackLog(event, "OrderCreated", log); err != nil {
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
func (_Marketplace *MarketplaceFilterer) ParseOrderCreated(log types.Log) (*MarketplaceOrderCreated, error) {
	event := new(MarketplaceOrderCreated)
	if err := _Marketplace.contract.UnpackLog(event, "OrderCreated", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// MarketplaceOrderReclaimedIterator is returned from FilterOrderReclaimed and is used to iterate over the raw logs and unpacked data for OrderReclaimed events raised by the Marketplace contract.
type MarketplaceOrderReclaimedIterator struct {
	Event *MarketplaceOrderReclaimed // Event containing the contract specifics and raw log

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
func (it *MarketplaceOrderReclaimedIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(MarketplaceOrderReclaimed)
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
		it.Event = new(MarketplaceOrderReclaimed)
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
func (it *MarketplaceOrderReclaimedIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *MarketplaceOrderReclaimedIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// MarketplaceOrderReclaimed represents a OrderReclaimed event raised by the Marketplace contract.
type MarketplaceOrderReclaimed struct {
	OrderId [32]byte
	Client  common.Address
	Amount  *big.Int
	Raw     types.Log // Blockchain specific contextual infos
}

// FilterOrderReclaimed is a free log retrieval operation binding the contract event 0x2b05c71b41e57dce1a0e326dd8285f42daea0395bc43c2026a30ec5d2c160c17.
//
// Solidity: event OrderReclaimed(bytes32 indexed orderId, address indexed client, uint256 amount)
func (_Marketplace *MarketplaceFilterer) FilterOrderReclaimed(opts *bind.FilterOpts, orderId [][32]byte, client []common.Address) (*MarketplaceOrderReclaimedIterator, error) {

	var orderIdRule []interface{}
	for _, orderIdItem := range orderId {
		orderIdRule = append(orderIdRule, orderIdItem)
	}
	var clientRule []interface{}
	for _, clientItem := range client {
		clientRule = append(clientRule, clientItem)
	}

	logs, sub, err := _Marketplace.contract.FilterLogs(opts, "OrderReclaimed", orderIdRule, clientRule)
	if err != nil {
		return nil, err
	}
	return &MarketplaceOrderReclaimedIterator{contract: _Marketplace.contract, event: "OrderReclaimed", logs: logs, sub: sub}, nil
}

// WatchOrderReclaimed is a free log subscription operation binding the contract event 0x2b05c71b41e57dce1a0e326dd8285f42daea0395bc43c2026a30ec5d2c160c17.
//
// Solidity: event OrderReclaimed(bytes32 indexed orderId, address indexed client, uint256 amount)
func (_Marketplace *MarketplaceFilterer) WatchOrderReclaimed(opts *bind.WatchOpts, sink chan<- *MarketplaceOrderReclaimed, orderId [][32]byte, client []common.Address) (event.Subscription, error) {

	var orderIdRule []interface{}
	for _, orderIdItem := range orderId {
		orderIdRule = append(orderIdRule, orderIdItem)
	}
	var clientRule []interface{}
	for _, clientItem := range client {
		clientRule = append(clientRule, clientItem)
	}

	logs, sub, err := _Marketplace.contract.WatchLogs(opts, "OrderReclaimed", orderIdRule, clientRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(MarketplaceOrderReclaimed)
				if err := _Marketplace.contract.UnpackLog(event, "OrderReclaimed", log); err != nil {
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
func (_Marketplace *MarketplaceFilterer) ParseOrderReclaimed(log types.Log) (*MarketplaceOrderReclaimed, error) {
	event := new(MarketplaceOrderReclaimed)
	if err := _Marketplace.contract.UnpackLog(event, "OrderReclaimed", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// MarketplaceOrderRejectedIterator is returned from FilterOrderRejected and is used to iterate over the raw logs and unpacked data for OrderRejected events raised by the Marketplace contract.
type MarketplaceOrderRejectedIterator struct {
	Event *MarketplaceOrderRejected // Event containing the contract specifics and raw log

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
func (it *MarketplaceOrderRejectedIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(MarketplaceOrderRejected)
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
		it.Event = new(MarketplaceOrderRejected)
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
func (it *MarketplaceOrderRejectedIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *MarketplaceOrderRejectedIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// MarketplaceOrderRejected represents a OrderRejected event raised by the Marketplace contract.
type MarketplaceOrderRejected struct {
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
func (_Marketplace *MarketplaceFilterer) FilterOrderRejected(opts *bind.FilterOpts, orderId [][32]byte, provider []common.Address, client []common.Address) (*MarketplaceOrderRejectedIterator, error) {

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

	logs, sub, err := _Marketplace.contract.FilterLogs(opts, "OrderRejected", orderIdRule, providerRule, clientRule)
	if err != nil {
		return nil, err
	}
	return &MarketplaceOrderRejectedIterator{contract: _Marketplace.contract, event: "OrderRejected", logs: logs, sub: sub}, nil
}

// WatchOrderRejected is a free log subscription operation binding the contract event 0x517981e7f72086402a449dc03ebee382bc209c4779c2f6f0c2fe773e6d195804.
//
// Solidity: event OrderRejected(bytes32 indexed orderId, address indexed provider, address indexed client, uint256 refund, string reason)
func (_Marketplace *MarketplaceFilterer) WatchOrderRejected(opts *bind.WatchOpts, sink chan<- *MarketplaceOrderRejected, orderId [][32]byte, provider []common.Address, client []common.Address) (event.Subscription, error) {

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

	logs, sub, err := _Marketplace.contract.WatchLogs(opts, "OrderRejected", orderIdRule, providerRule, clientRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(MarketplaceOrderRejected)
				if err := _Marketplace.contract.UnpackLog(event, "OrderRejected", log); err != nil {
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
func (_Marketplace *MarketplaceFilterer) ParseOrderRejected(log types.Log) (*MarketplaceOrderRejected, error) {
	event := new(MarketplaceOrderRejected)
	if err := _Marketplace.contract.UnpackLog(event, "OrderRejected", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// MarketplaceOrderReleasedIterator is returned from FilterOrderReleased and is used to iterate over the raw logs and unpacked data for OrderReleased events raised by the Marketplace contract.
type MarketplaceOrderReleasedIterator struct {
	Event *MarketplaceOrderReleased // Event containing the contract specifics and raw log

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
func (it *MarketplaceOrderReleasedIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(MarketplaceOrderReleased)
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
		it.Event = new(MarketplaceOrderReleased)
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
func (it *MarketplaceOrderReleasedIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *MarketplaceOrderReleasedIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// MarketplaceOrderReleased represents a OrderReleased event raised by the Marketplace contract.
type MarketplaceOrderReleased struct {
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
func (_Marketplace *MarketplaceFilterer) FilterOrderReleased(opts *bind.FilterOpts, orderId [][32]byte, provider []common.Address, client []common.Address) (*MarketplaceOrderReleasedIterator, error) {

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

	logs, sub, err := _Marketplace.contract.FilterLogs(opts, "OrderReleased", orderIdRule, providerRule, clientRule)
	if err != nil {
		return nil, err
	}
	return &MarketplaceOrderReleasedIterator{contract: _Marketplace.contract, event: "OrderReleased", logs: logs, sub: sub}, nil
}

// WatchOrderReleased is a free log subscription operation binding the contract event 0x11b9530755649f60ddffaf1ddb38cb8e8bb5e79a3970ad431434bc90edd1d121.
//
// Solidity: event OrderReleased(bytes32 indexed orderId, address indexed provider, address indexed client, uint256 refund, string reason)
func (_Marketplace *MarketplaceFilterer) WatchOrderReleased(opts *bind.WatchOpts, sink chan<- *MarketplaceOrderReleased, orderId [][32]byte, provider []common.Address, client []common.Address) (event.Subscription, error) {

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

	logs, sub, err := _Marketplace.contract.WatchLogs(opts, "OrderReleased", orderIdRule, providerRule, clientRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(MarketplaceOrderReleased)
				if err := _Marketplace.contract.UnpackLog(event, "OrderReleased", log); err != nil {
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
func (_Marketplace *MarketplaceFilterer) ParseOrderReleased(log types.Log) (*MarketplaceOrderReleased, error) {
	event := new(MarketplaceOrderReleased)
	if err := _Marketplace.contract.UnpackLog(event, "OrderReleased", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// MarketplaceOrderSettledIterator is returned from FilterOrderSettled and is used to iterate over the raw logs and unpacked data for OrderSettled events raised by the Marketplace contract.
type MarketplaceOrderSettledIterator struct {
	Event *MarketplaceOrderSettled // Event containing the contract specifics and raw log

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
func (it *MarketplaceOrderSettledIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(MarketplaceOrderSettled)
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
		it.Event = new(MarketplaceOrderSettled)
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
func (it *MarketplaceOrderSettledIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *MarketplaceOrderSettledIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// MarketplaceOrderSettled represents a OrderSettled event raised by the Marketplace contract.
type MarketplaceOrderSettled struct {
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
func (_Marketplace *MarketplaceFilterer) FilterOrderSettled(opts *bind.FilterOpts, orderId [][32]byte, provider []common.Address, client []common.Address) (*MarketplaceOrderSettledIterator, error) {

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

	logs, sub, err := _Marketplace.contract.FilterLogs(opts, "OrderSettled", orderIdRule, providerRule, clientRule)
	if err != nil {
		return nil, err
	}
	return &MarketplaceOrderSettledIterator{contract: _Marketplace.contract, event: "OrderSettled", logs: logs, sub: sub}, nil
}

// WatchOrderSettled is a free log subscription operation binding the contract event 0xf1a18174159cadee05d8373ddc133a93dfe6f9d290fead86fbeaf94888e9a250.
//
// Solidity: event OrderSettled(bytes32 indexed orderId, address indexed provider, address indexed client, uint256 paid, uint256 refund)
func (_Marketplace *MarketplaceFilterer) WatchOrderSettled(opts *bind.WatchOpts, sink chan<- *MarketplaceOrderSettled, orderId [][32]byte, provider []common.Address, client []common.Address) (event.Subscription, error) {

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

	logs, sub, err := _Marketplace.contract.WatchLogs(opts, "OrderSettled", orderIdRule, providerRule, clientRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(MarketplaceOrderSettled)
				if err := _Marketplace.contract.UnpackLog(event, "OrderSettled", log); err != nil {
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
func (_Marketplace *MarketplaceFilterer) ParseOrderSettled(log types.Log) (*MarketplaceOrderSettled, error) {
	event := new(MarketplaceOrderSettled)
	if err := _Marketplace.contract.UnpackLog(event, "OrderSettled", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// MarketplaceProviderRatedIterator is returned from FilterProviderRated and is used to iterate over the raw logs and unpacked data for ProviderRated events raised by the Marketplace contract.
type MarketplaceProviderRatedIterator struct {
	Event *MarketplaceProviderRated // Event containing the contract specifics and raw log

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
func (it *MarketplaceProviderRatedIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(MarketplaceProviderRated)
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
		it.Event = new(MarketplaceProviderRated)
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
func (it *MarketplaceProviderRatedIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *MarketplaceProviderRatedIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// MarketplaceProviderRated represents a ProviderRated event raised by the Marketplace contract.
type MarketplaceProviderRated struct {
	OrderId  [32]byte
	Provider common.Address
	Client   common.Address
	Score    uint8
	Raw      types.Log // Blockchain specific contextual infos
}

// FilterProviderRated is a free log retrieval operation binding the contract event 0x4b72568b639a1c93aab1aacf9bd1fb480021b2bbc5cdbcc3ade01f6b754667d4.
//
// Solidity: event ProviderRated(bytes32 indexed orderId, address indexed provider, address indexed client, uint8 score)
func (_Marketplace *MarketplaceFilterer) FilterProviderRated(opts *bind.FilterOpts, orderId [][32]byte, provider []common.Address, client []common.Address) (*MarketplaceProviderRatedIterator, error) {

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

	logs, sub, err := _Marketplace.contract.FilterLogs(opts, "ProviderRated", orderIdRule, providerRule, clientRule)
	if err != nil {
		return nil, err
	}
	return &MarketplaceProviderRatedIterator{contract: _Marketplace.contract, event: "ProviderRated", logs: logs, sub: sub}, nil
}

// WatchProviderRated is a free log subscription operation binding the contract event 0x4b72568b639a1c93aab1aacf9bd1fb480021b2bbc5cdbcc3ade01f6b754667d4.
//
// Solidity: event ProviderRated(bytes32 indexed orderId, address indexed provider, address indexed client, uint8 score)
func (_Marketplace *MarketplaceFilterer) WatchProviderRated(opts *bind.WatchOpts, sink chan<- *MarketplaceProviderRated, orderId [][32]byte, provider []common.Address, client []common.Address) (event.Subscription, error) {

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

	logs, sub, err := _Marketplace.contract.WatchLogs(opts, "ProviderRated", orderIdRule, providerRule, clientRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(MarketplaceProviderRated)
				if err := _Marketplace.contract.UnpackLog(event, "ProviderRated", log); err != nil {
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
func (_Marketplace *MarketplaceFilterer) ParseProviderRated(log types.Log) (*MarketplaceProviderRated, error) {
	event := new(MarketplaceProviderRated)
	if err := _Marketplace.contract.UnpackLog(event, "ProviderRated", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// MarketplaceProviderRegisteredIterator is returned from FilterProviderRegistered and is used to iterate over the raw logs and unpacked data for ProviderRegistered events raised by the Marketplace contract.
type MarketplaceProviderRegisteredIterator struct {
	Event *MarketplaceProviderRegistered // Event containing the contract specifics and raw log

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
func (it *MarketplaceProviderRegisteredIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(MarketplaceProviderRegistered)
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
		it.Event = new(MarketplaceProviderRegistered)
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
func (it *MarketplaceProviderRegisteredIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *MarketplaceProviderRegisteredIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// MarketplaceProviderRegistered represents a ProviderRegistered event raised by the Marketplace contract.
type MarketplaceProviderRegistered struct {
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
func (_Marketplace *MarketplaceFilterer) FilterProviderRegistered(opts *bind.FilterOpts, provider []common.Address) (*MarketplaceProviderRegisteredIterator, error) {

	var providerRule []interface{}
	for _, providerItem := range provider {
		providerRule = append(providerRule, providerItem)
	}

	logs, sub, err := _Marketplace.contract.FilterLogs(opts, "ProviderRegistered", providerRule)
	if err != nil {
		return nil, err
	}
	return &MarketplaceProviderRegisteredIterator{contract: _Marketplace.contract, event: "ProviderRegistered", logs: logs, sub: sub}, nil
}

// WatchProviderRegistered is a free log subscription operation binding the contract event 0xf028af23cf45cc8d6770bcef29fe627ceda765793fc747dcfd6c66ebc1d3ab69.
//
// Solidity: event ProviderRegistered(address indexed provider, string minerId, string endpoint, bytes32 hostKeyFingerprint, string metadata)
func (_Marketplace *MarketplaceFilterer) WatchProviderRegistered(opts *bind.WatchOpts, sink chan<- *MarketplaceProviderRegistered, provider []common.Address) (event.Subscription, error) {

	var providerRule []interface{}
	for _, providerItem := range provider {
		providerRule = append(providerRule, providerItem)
	}

	logs, sub, err := _Marketplace.contract.WatchLogs(opts, "ProviderRegistered", providerRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(MarketplaceProviderRegistered)
				if err := _Marketplace.contract.UnpackLog(event, "ProviderRegistered", log); err != nil {
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
func (_Marketplace *MarketplaceFilterer) ParseProviderRegistered(log types.Log) (*MarketplaceProviderRegistered, error) {
	event := new(MarketplaceProviderRegistered)
	if err := _Marketplace.contract.UnpackLog(event, "ProviderRegistered", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// MarketplaceProviderUpdatedIterator is returned from FilterProviderUpdated and is used to iterate over the raw logs and unpacked data for ProviderUpdated events raised by the Marketplace contract.
type MarketplaceProviderUpdatedIterator struct {
	Event *MarketplaceProviderUpdated // Event containing the contract specifics and raw log

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
func (it *MarketplaceProviderUpdatedIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(MarketplaceProviderUpdated)
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
		it.Event = new(MarketplaceProviderUpdated)
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
func (it *MarketplaceProviderUpdatedIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *MarketplaceProviderUpdatedIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// MarketplaceProviderUpdated represents a ProviderUpdated event raised by the Marketplace contract.
type MarketplaceProviderUpdated struct {
	Provider           common.Address
	Endpoint           string
	HostKeyFingerprint [32]byte
	Metadata           string
	Raw                types.Log // Blockchain specific contextual infos
}

// FilterProviderUpdated is a free log retrieval operation binding the contract event 0xd404a039955f9cc4fad5a21f105fc9589544a16bbc7ac78920fff84028ab7bad.
//
// Solidity: event ProviderUpdated(address indexed provider, string endpoint, bytes32 hostKeyFingerprint, string metadata)
func (_Marketplace *MarketplaceFilterer) FilterProviderUpdated(opts *bind.FilterOpts, provider []common.Address) (*MarketplaceProviderUpdatedIterator, error) {

	var providerRule []interface{}
	for _, providerItem := range provider {
		providerRule = append(providerRule, providerItem)
	}

	logs, sub, err := _Marketplace.contract.FilterLogs(opts, "ProviderUpdated", providerRule)
	if err != nil {
		return nil, err
	}
	return &MarketplaceProviderUpdatedIterator{contract: _Marketplace.contract, event: "ProviderUpdated", logs: logs, sub: sub}, nil
}

// WatchProviderUpdated is a free log subscription operation binding the contract event 0xd404a039955f9cc4fad5a21f105fc9589544a16bbc7ac78920fff84028ab7bad.
//
// Solidity: event ProviderUpdated(address indexed provider, string endpoint, bytes32 hostKeyFingerprint, string metadata)
func (_Marketplace *MarketplaceFilterer) WatchProviderUpdated(opts *bind.WatchOpts, sink chan<- *MarketplaceProviderUpdated, provider []common.Address) (event.Subscription, error) {

	var providerRule []interface{}
	for _, providerItem := range provider {
		providerRule = append(providerRule, providerItem)
	}

	logs, sub, err := _Marketplace.contract.WatchLogs(opts, "ProviderUpdated", providerRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(MarketplaceProviderUpdated)
				if err := _Marketplace.contract.UnpackLog(event, "ProviderUpdated", log); err != nil {
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
func (_Marketplace *MarketplaceFilterer) ParseProviderUpdated(log types.Log) (*MarketplaceProviderUpdated, error) {
	event := new(MarketplaceProviderUpdated)
	if err := _Marketplace.contract.UnpackLog(event, "ProviderUpdated", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// MarketplaceWithdrawnIterator is returned from FilterWithdrawn and is used to iterate over the raw logs and unpacked data for Withdrawn events raised by the Marketplace contract.
type MarketplaceWithdrawnIterator struct {
	Event *MarketplaceWithdrawn // Event containing the contract specifics and raw log

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
func (it *MarketplaceWithdrawnIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(MarketplaceWithdrawn)
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
		it.Event = new(MarketplaceWithdrawn)
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
func (it *MarketplaceWithdrawnIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *MarketplaceWithdrawnIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// MarketplaceWithdrawn represents a Withdrawn event raised by the Marketplace contract.
type MarketplaceWithdrawn struct {
	Account common.Address
	Amount  *big.Int
	Raw     types.Log // Blockchain specific contextual infos
}

// FilterWithdrawn is a free log retrieval operation binding the contract event 0x7084f5476618d8e60b11ef0d7d3f06914655adb8793e28ff7f018d4c76d505d5.
//
// Solidity: event Withdrawn(address indexed account, uint256 amount)
func (_Marketplace *MarketplaceFilterer) FilterWithdrawn(opts *bind.FilterOpts, account []common.Address) (*MarketplaceWithdrawnIterator, error) {

	var accountRule []interface{}
	for _, accountItem := range account {
		accountRule = append(accountRule, accountItem)
	}

	logs, sub, err := _Marketplace.contract.FilterLogs(opts, "Withdrawn", accountRule)
	if err != nil {
		return nil, err
	}
	return &MarketplaceWithdrawnIterator{contract: _Marketplace.contract, event: "Withdrawn", logs: logs, sub: sub}, nil
}

// WatchWithdrawn is a free log subscription operation binding the contract event 0x7084f5476618d8e60b11ef0d7d3f06914655adb8793e28ff7f018d4c76d505d5.
//
// Solidity: event Withdrawn(address indexed account, uint256 amount)
func (_Marketplace *MarketplaceFilterer) WatchWithdrawn(opts *bind.WatchOpts, sink chan<- *MarketplaceWithdrawn, account []common.Address) (event.Subscription, error) {

	var accountRule []interface{}
	for _, accountItem := range account {
		accountRule = append(accountRule, accountItem)
	}

	logs, sub, err := _Marketplace.contract.WatchLogs(opts, "Withdrawn", accountRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(MarketplaceWithdrawn)
				if err := _Marketplace.contract.UnpackLog(event, "Withdrawn", log); err != nil {
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
func (_Marketplace *MarketplaceFilterer) ParseWithdrawn(log types.Log) (*MarketplaceWithdrawn, error) {
	event := new(MarketplaceWithdrawn)
	if err := _Marketplace.contract.UnpackLog(event, "Withdrawn", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}
