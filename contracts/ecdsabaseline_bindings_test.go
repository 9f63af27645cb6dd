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

// EcdsaBaselineMetaData contains all meta data concerning the EcdsaBaseline contract.
var EcdsaBaselineMetaData = &bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"BadSignature\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"checked\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32[]\",\"name\":\"digests\",\"type\":\"bytes32[]\"},{\"internalType\":\"uint8[]\",\"name\":\"v\",\"type\":\"uint8[]\"},{\"internalType\":\"bytes32[]\",\"name\":\"r\",\"type\":\"bytes32[]\"},{\"internalType\":\"bytes32[]\",\"name\":\"s\",\"type\":\"bytes32[]\"},{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"verify\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	Bin: "0x6080806040523460155761024d908161001a8239f35b5f80fdfe6080806040526004361015610012575f80fd5b5f3560e01c90816343225125146101a9575063c7e2401e14610032575f80fd5b346101a55760a03660031901126101a55760043567ffffffffffffffff81116101a5576100639036906004016101c2565b9060243567ffffffffffffffff81116101a5576100849036906004016101c2565b9060443567ffffffffffffffff81116101a5576100a59036906004016101c2565b9160643567ffffffffffffffff81116101a5576100c69036906004016101c2565b91906084359560018060a01b0387168097036101a5575f5b89811061010a57895f549081018091116100f6575f55005b634e487b7160e01b5f52601160045260245ffd5b610115818b8b6101f3565b356101218284876101f3565b359060ff82168092036101a55760805f91602093610140868d8d6101f3565b3561014c878c8b6101f3565b3591604051938452868401526040830152606082015282805260015afa1561019a575f516001600160a01b0316889003610188576001016100de565b63a1c9731960e01b5f5260045260245ffd5b6040513d5f823e3d90fd5b5f80fd5b346101a5575f3660031901126101a5576020905f548152f35b9181601f840112156101a55782359167ffffffffffffffff83116101a5576020808501948460051b0101116101a557565b91908110156102035760051b0190565b634e487b7160e01b5f52603260045260245ffdfea264697066735822122053248303e81b58a3de33f5d8b068240238f5182d0b843d9b8d7795aaed2f248464736f6c634300081c0033",
}

// EcdsaBaselineABI is the input ABI used to generate the binding from.
// Deprecated: Use EcdsaBaselineMetaData.ABI instead.
var EcdsaBaselineABI = EcdsaBaselineMetaData.ABI

// EcdsaBaselineBin is the compiled bytecode used for deploying new contracts.
// Deprecated: Use EcdsaBaselineMetaData.Bin instead.
var EcdsaBaselineBin = EcdsaBaselineMetaData.Bin

// DeployEcdsaBaseline deploys a new Ethereum contract, binding an instance of EcdsaBaseline to it.
func DeployEcdsaBaseline(auth *bind.TransactOpts, backend bind.ContractBackend) (common.Address, *types.Transaction, *EcdsaBaseline, error) {
	parsed, err := EcdsaBaselineMetaData.GetAbi()
	if err != nil {
		return common.Address{}, nil, nil, err
	}
	if parsed == nil {
		return common.Address{}, nil, nil, errors.New("GetABI returned nil")
	}

	address, tx, contract, err := bind.DeployContract(auth, *parsed, common.FromHex(EcdsaBaselineBin), backend)
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

// Checked is a free data retrieval call binding the contract method 0x43225125.
//
// Solidity: function checked() view returns(uint256)
func (_EcdsaBaseline *EcdsaBaselineCaller) Checked(opts *bind.CallOpts) (*big.Int, error) {
	var out []interface{}
	err := _EcdsaBaseline.contract.Call(opts, &out, "checked")

	if err != nil {
		return *new(*big.Int), err
	}

	out0 := *abi.ConvertType(out[0], new(*big.Int)).(**big.Int)

	return out0, err

}

// Checked is a free data retrieval call binding the contract method 0x43225125.
//
// Solidity: function checked() view returns(uint256)
func (_EcdsaBaseline *EcdsaBaselineSession) Checked() (*big.Int, error) {
	return _EcdsaBaseline.Contract.Checked(&_EcdsaBaseline.CallOpts)
}

// Checked is a free data retrieval call binding the contract method 0x43225125.
//
// Solidity: function checked() view returns(uint256)
func (_EcdsaBaseline *EcdsaBaselineCallerSession) Checked() (*big.Int, error) {
	return _EcdsaBaseline.Contract.Checked(&_EcdsaBaseline.CallOpts)
}

// Verify is a paid mutator transaction binding the contract method 0xc7e2401e.
//
// Solidity: function verify(bytes32[] digests, uint8[] v, bytes32[] r, bytes32[] s, address signer) returns()
func (_EcdsaBaseline *EcdsaBaselineTransactor) Verify(opts *bind.TransactOpts, digests [][32]byte, v []uint8, r [][32]byte, s [][32]byte, signer common.Address) (*types.Transaction, error) {
	return _EcdsaBaseline.contract.Transact(opts, "verify", digests, v, r, s, signer)
}

// Verify is a paid mutator transaction binding the contract method 0xc7e2401e.
//
// Solidity: function verify(bytes32[] digests, uint8[] v, bytes32[] r, bytes32[] s, address signer) returns()
func (_EcdsaBaseline *EcdsaBaselineSession) Verify(digests [][32]byte, v []uint8, r [][32]byte, s [][32]byte, signer common.Address) (*types.Transaction, error) {
	return _EcdsaBaseline.Contract.Verify(&_EcdsaBaseline.TransactOpts, digests, v, r, s, signer)
}

// Verify is a paid mutator transaction binding the contract method 0xc7e2401e.
//
// Solidity: function verify(bytes32[] digests, uint8[] v, bytes32[] r, bytes32[] s, address signer) returns()
func (_EcdsaBaseline *EcdsaBaselineTransactorSession) Verify(digests [][32]byte, v []uint8, r [][32]byte, s [][32]byte, signer common.Address) (*types.Transaction, error) {
	return _EcdsaBaseline.Contract.Verify(&_EcdsaBaseline.TransactOpts, digests, v, r, s, signer)
}
