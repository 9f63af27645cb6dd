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

// MockVerifierMetaData contains all meta data concerning the MockVerifier contract.
var MockVerifierMetaData = &bind.MetaData{
	ABI: "[{\"inputs\":[],\"name\":\"Rejected\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"want\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"got\",\"type\":\"uint256\"}],\"name\":\"UnexpectedInput\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"accept\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"input\",\"type\":\"uint256\"}],\"name\":\"expectInput\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"expectedInput\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bool\",\"name\":\"accept_\",\"type\":\"bool\"}],\"name\":\"setAccept\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"\",\"type\":\"bytes\"},{\"internalType\":\"uint256[1]\",\"name\":\"input\",\"type\":\"uint256[1]\"}],\"name\":\"verifyProof\",\"outputs\":[],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	Bin: "0x60808060405234602057600160ff195f5416175f556101b390816100258239f35b5f80fdfe6080806040526004361015610012575f80fd5b5f3560e01c9081632852b71c1461015f575080634fc3aa7c146101315780638d8f8a5c1461008d578063bc8e6e1c146100745763ed15323714610053575f80fd5b34610070575f366003190112610070576020600154604051908152f35b5f80fd5b3461007057602036600319011261007057600435600155005b346100705760403660031901126100705760043567ffffffffffffffff8111610070573660238201121561007057806004013567ffffffffffffffff8111610070573691016024011161007057366044116100705760ff5f5416156101225760015480151580610116575b6100fe57005b637ff5315160e11b5f5260045260243560245260445ffd5b508060243514156100f8565b63efde6dcf60e01b5f5260045ffd5b34610070576020366003190112610070576004358015158091036100705760ff80195f54169116175f555f80f35b34610070575f3660031901126100705760209060ff5f541615158152f3fea2646970667358221220b920b1643ccef10b6db504f1c2d62ce34cc01af3134dc64a1d50373a992c5b8864736f6c634300081c0033",
}

// MockVerifierABI is the input ABI used to generate the binding from.
// Deprecated: Use MockVerifierMetaData.ABI instead.
var MockVerifierABI = MockVerifierMetaData.ABI

// MockVerifierBin is the compiled bytecode used for deploying new contracts.
// Deprecated: Use MockVerifierMetaData.Bin instead.
var MockVerifierBin = MockVerifierMetaData.Bin

// DeployMockVerifier deploys a new Ethereum contract, binding an instance of MockVerifier to it.
func DeployMockVerifier(auth *bind.TransactOpts, backend bind.ContractBackend) (common.Address, *types.Transaction, *MockVerifier, error) {
	parsed, err := MockVerifierMetaData.GetAbi()
	if err != nil {
		return common.Address{}, nil, nil, err
	}
	if parsed == nil {
		return common.Address{}, nil, nil, errors.New("GetABI returned nil")
	}

	address, tx, contract, err := bind.DeployContract(auth, *parsed, common.FromHex(MockVerifierBin), backend)
	if err != nil {
		return common.Address{}, nil, nil, err
	}
	return address, tx, &MockVerifier{MockVerifierCaller: MockVerifierCaller{contract: contract}, MockVerifierTransactor: MockVerifierTransactor{contract: contract}, MockVerifierFilterer: MockVerifierFilterer{contract: contract}}, nil
}

// MockVerifier is an auto generated Go binding around an Ethereum contract.
type MockVerifier struct {
	MockVerifierCaller     // Read-only binding to the contract
	MockVerifierTransactor // Write-only binding to the contract
	MockVerifierFilterer   // Log filterer for contract events
}

// MockVerifierCaller is an auto generated read-only Go binding around an Ethereum contract.
type MockVerifierCaller struct {
	contract *bind.BoundContract // Generic contract wrapper for the low level calls
}

// MockVerifierTransactor is an auto generated write-only Go binding around an Ethereum contract.
type MockVerifierTransactor struct {
	contract *bind.BoundContract // Generic contract wrapper for the low level calls
}

// MockVerifierFilterer is an auto generated log filtering Go binding around an Ethereum contract events.
type MockVerifierFilterer struct {
	contract *bind.BoundContract // Generic contract wrapper for the low level calls
}

// MockVerifierSession is an auto generated Go binding around an Ethereum contract,
// with pre-set call and transact options.
type MockVerifierSession struct {
	Contract     *MockVerifier     // Generic contract binding to set the session for
	CallOpts     bind.CallOpts     // Call options to use throughout this session
	TransactOpts bind.TransactOpts // Transaction auth options to use throughout this session
}

// MockVerifierCallerSession is an auto generated read-only Go binding around an Ethereum contract,
// with pre-set call options.
type MockVerifierCallerSession struct {
	Contract *MockVerifierCaller // Generic contract caller binding to set the session for
	CallOpts bind.CallOpts       // Call options to use throughout this session
}

// MockVerifierTransactorSession is an auto generated write-only Go binding around an Ethereum contract,
// with pre-set transact options.
type MockVerifierTransactorSession struct {
	Contract     *MockVerifierTransactor // Generic contract transactor binding to set the session for
	TransactOpts bind.TransactOpts       // Transaction auth options to use throughout this session
}

// MockVerifierRaw is an auto generated low-level Go binding around an Ethereum contract.
type MockVerifierRaw struct {
	Contract *MockVerifier // Generic contract binding to access the raw methods on
}

// MockVerifierCallerRaw is an auto generated low-level read-only Go binding around an Ethereum contract.
type MockVerifierCallerRaw struct {
	Contract *MockVerifierCaller // Generic read-only contract binding to access the raw methods on
}

// MockVerifierTransactorRaw is an auto generated low-level write-only Go binding around an Ethereum contract.
type MockVerifierTransactorRaw struct {
	Contract *MockVerifierTransactor // Generic write-only contract binding to access the raw methods on
}

// NewMockVerifier creates a new instance of MockVerifier, bound to a specific deployed contract.
func NewMockVerifier(address common.Address, backend bind.ContractBackend) (*MockVerifier, error) {
	contract, err := bindMockVerifier(address, backend, backend, backend)
	if err != nil {
		return nil, err
	}
	return &MockVerifier{MockVerifierCaller: MockVerifierCaller{contract: contract}, MockVerifierTransactor: MockVerifierTransactor{contract: contract}, MockVerifierFilterer: MockVerifierFilterer{contract: contract}}, nil
}

// NewMockVerifierCaller creates a new read-only instance of MockVerifier, bound to a specific deployed contract.
func NewMockVerifierCaller(address common.Address, caller bind.ContractCaller) (*MockVerifierCaller, error) {
	contract, err := bindMockVerifier(address, caller, nil, nil)
	if err != nil {
		return nil, err
	}
	return &MockVerifierCaller{contract: contract}, nil
}

// NewMockVerifierTransactor creates a new write-only instance of MockVerifier, bound to a specific deployed contract.
func NewMockVerifierTransactor(address common.Address, transactor bind.ContractTransactor) (*MockVerifierTransactor, error) {
	contract, err := bindMockVerifier(address, nil, transactor, nil)
	if err != nil {
		return nil, err
	}
	return &MockVerifierTransactor{contract: contract}, nil
}

// NewMockVerifierFilterer creates a new log filterer instance of MockVerifier, bound to a specific deployed contract.
func NewMockVerifierFilterer(address common.Address, filterer bind.ContractFilterer) (*MockVerifierFilterer, error) {
	contract, err := bindMockVerifier(address, nil, nil, filterer)
	if err != nil {
		return nil, err
	}
	return &MockVerifierFilterer{contract: contract}, nil
}

// bindMockVerifier binds a generic wrapper to an already deployed contract.
func bindMockVerifier(address common.Address, caller bind.ContractCaller, transactor bind.ContractTransactor, filterer bind.ContractFilterer) (*bind.BoundContract, error) {
	parsed, err := MockVerifierMetaData.GetAbi()
	if err != nil {
		return nil, err
	}
	return bind.NewBoundContract(address, *parsed, caller, transactor, filterer), nil
}

// Call invokes the (constant) contract method with params as input values and
// sets the output to result. The result type might be a single field for simple
// returns, a slice of interfaces for anonymous returns and a struct for named
// returns.
func (_MockVerifier *MockVerifierRaw) Call(opts *bind.CallOpts, result *[]interface{}, method string, params ...interface{}) error {
	return _MockVerifier.Contract.MockVerifierCaller.contract.Call(opts, result, method, params...)
}

// Transfer initiates a plain transaction to move funds to the contract, calling
// its default method if one is available.
func (_MockVerifier *MockVerifierRaw) Transfer(opts *bind.TransactOpts) (*types.Transaction, error) {
	return _MockVerifier.Contract.MockVerifierTransactor.contract.Transfer(opts)
}

// Transact invokes the (paid) contract method with params as input values.
func (_MockVerifier *MockVerifierRaw) Transact(opts *bind.TransactOpts, method string, params ...interface{}) (*types.Transaction, error) {
	return _MockVerifier.Contract.MockVerifierTransactor.contract.Transact(opts, method, params...)
}

// Call invokes the (constant) contract method with params as input values and
// sets the output to result. The result type might be a single field for simple
// returns, a slice of interfaces for anonymous returns and a struct for named
// returns.
func (_MockVerifier *MockVerifierCallerRaw) Call(opts *bind.CallOpts, result *[]interface{}, method string, params ...interface{}) error {
	return _MockVerifier.Contract.contract.Call(opts, result, method, params...)
}

// Transfer initiates a plain transaction to move funds to the contract, calling
// its default method if one is available.
func (_MockVerifier *MockVerifierTransactorRaw) Transfer(opts *bind.TransactOpts) (*types.Transaction, error) {
	return _MockVerifier.Contract.contract.Transfer(opts)
}

// Transact invokes the (paid) contract method with params as input values.
func (_MockVerifier *MockVerifierTransactorRaw) Transact(opts *bind.TransactOpts, method string, params ...interface{}) (*types.Transaction, error) {
	return _MockVerifier.Contract.contract.Transact(opts, method, params...)
}

// Accept is a free data retrieval call binding the contract method 0x2852b71c.
//
// Solidity: function accept() view returns(bool)
func (_MockVerifier *MockVerifierCaller) Accept(opts *bind.CallOpts) (bool, error) {
	var out []interface{}
	err := _MockVerifier.contract.Call(opts, &out, "accept")

	if err != nil {
		return *new(bool), err
	}

	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)

	return out0, err

}

// Accept is a free data retrieval call binding the contract method 0x2852b71c.
//
// Solidity: function accept() view returns(bool)
func (_MockVerifier *MockVerifierSession) Accept() (bool, error) {
	return _MockVerifier.Contract.Accept(&_MockVerifier.CallOpts)
}

// Accept is a free data retrieval call binding the contract method 0x2852b71c.
//
// Solidity: function accept() view returns(bool)
func (_MockVerifier *MockVerifierCallerSession) Accept() (bool, error) {
	return _MockVerifier.Contract.Accept(&_MockVerifier.CallOpts)
}

// ExpectedInput is a free data retrieval call binding the contract method 0xed153237.
//
// Solidity: function expectedInput() view returns(uint256)
func (_MockVerifier *MockVerifierCaller) ExpectedInput(opts *bind.CallOpts) (*big.Int, error) {
	var out []interface{}
	err := _MockVerifier.contract.Call(opts, &out, "expectedInput")

	if err != nil {
		return *new(*big.Int), err
	}

	out0 := *abi.ConvertType(out[0], new(*big.Int)).(**big.Int)

	return out0, err

}

// ExpectedInput is a free data retrieval call binding the contract method 0xed153237.
//
// Solidity: function expectedInput() view returns(uint256)
func (_MockVerifier *MockVerifierSession) ExpectedInput() (*big.Int, error) {
	return _MockVerifier.Contract.ExpectedInput(&_MockVerifier.CallOpts)
}

// ExpectedInput is a free data retrieval call binding the contract method 0xed153237.
//
// Solidity: function expectedInput() view returns(uint256)
func (_MockVerifier *MockVerifierCallerSession) ExpectedInput() (*big.Int, error) {
	return _MockVerifier.Contract.ExpectedInput(&_MockVerifier.CallOpts)
}

// VerifyProof is a free data retrieval call binding the contract method 0x8d8f8a5c.
//
// Solidity: function verifyProof(bytes , uint256[1] input) view returns()
func (_MockVerifier *MockVerifierCaller) VerifyProof(opts *bind.CallOpts, arg0 []byte, input [1]*big.Int) error {
	var out []interface{}
	err := _MockVerifier.contract.Call(opts, &out, "verifyProof", arg0, input)

	if err != nil {
		return err
	}

	return err

}

// VerifyProof is a free data retrieval call binding the contract method 0x8d8f8a5c.
//
// Solidity: function verifyProof(bytes , uint256[1] input) view returns()
func (_MockVerifier *MockVerifierSession) VerifyProof(arg0 []byte, input [1]*big.Int) error {
	return _MockVerifier.Contract.VerifyProof(&_MockVerifier.CallOpts, arg0, input)
}

// VerifyProof is a free data retrieval call binding the contract method 0x8d8f8a5c.
//
// Solidity: function verifyProof(bytes , uint256[1] input) view returns()
func (_MockVerifier *MockVerifierCallerSession) VerifyProof(arg0 []byte, input [1]*big.Int) error {
	return _MockVerifier.Contract.VerifyProof(&_MockVerifier.CallOpts, arg0, input)
}

// ExpectInput is a paid mutator transaction binding the contract method 0xbc8e6e1c.
//
// Solidity: function expectInput(uint256 input) returns()
func (_MockVerifier *MockVerifierTransactor) ExpectInput(opts *bind.TransactOpts, input *big.Int) (*types.Transaction, error) {
	return _MockVerifier.contract.Transact(opts, "expectInput", input)
}

// ExpectInput is a paid mutator transaction binding the contract method 0xbc8e6e1c.
//
// Solidity: function expectInput(uint256 input) returns()
func (_MockVerifier *MockVerifierSession) ExpectInput(input *big.Int) (*types.Transaction, error) {
	return _MockVerifier.Contract.ExpectInput(&_MockVerifier.TransactOpts, input)
}

// ExpectInput is a paid mutator transaction binding the contract method 0xbc8e6e1c.
//
// Solidity: function expectInput(uint256 input) returns()
func (_MockVerifier *MockVerifierTransactorSession) ExpectInput(input *big.Int) (*types.Transaction, error) {
	return _MockVerifier.Contract.ExpectInput(&_MockVerifier.TransactOpts, input)
}

// SetAccept is a paid mutator transaction binding the contract method 0x4fc3aa7c.
//
// Solidity: function setAccept(bool accept_) returns()
func (_MockVerifier *MockVerifierTransactor) SetAccept(opts *bind.TransactOpts, accept_ bool) (*types.Transaction, error) {
	return _MockVerifier.contract.Transact(opts, "setAccept", accept_)
}

// SetAccept is a paid mutator transaction binding the contract method 0x4fc3aa7c.
//
// Solidity: function setAccept(bool accept_) returns()
func (_MockVerifier *MockVerifierSession) SetAccept(accept_ bool) (*types.Transaction, error) {
	return _MockVerifier.Contract.SetAccept(&_MockVerifier.TransactOpts, accept_)
}

// SetAccept is a paid mutator transaction binding the contract method 0x4fc3aa7c.
//
// Solidity: function setAccept(bool accept_) returns()
func (_MockVerifier *MockVerifierTransactorSession) SetAccept(accept_ bool) (*types.Transaction, error) {
	return _MockVerifier.Contract.SetAccept(&_MockVerifier.TransactOpts, accept_)
}
