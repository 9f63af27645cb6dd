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

// SettlementVerifierMetaData contains all meta data concerning the SettlementVerifier contract.
var SettlementVerifierMetaData = &bind.MetaData{
	ABI: "[{\"inputs\":[],\"name\":\"CommitmentInvalid\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ProofInvalid\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"PublicInputNotInField\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"proof\",\"type\":\"bytes\"}],\"name\":\"compressProof\",\"outputs\":[{\"internalType\":\"uint256[4]\",\"name\":\"compressed\",\"type\":\"uint256[4]\"},{\"internalType\":\"uint256[1]\",\"name\":\"compressedCommitments\",\"type\":\"uint256[1]\"},{\"internalType\":\"uint256\",\"name\":\"compressedCommitmentPok\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256[4]\",\"name\":\"compressedProof\",\"type\":\"uint256[4]\"},{\"internalType\":\"uint256[1]\",\"name\":\"compressedCommitments\",\"type\":\"uint256[1]\"},{\"internalType\":\"uint256\",\"name\":\"compressedCommitmentPok\",\"type\":\"uint256\"},{\"internalType\":\"uint256[1]\",\"name\":\"input\",\"type\":\"uint256[1]\"}],\"name\":\"verifyCompressedProof\",\"outputs\":[],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"proof\",\"type\":\"bytes\"},{\"internalType\":\"uint256[1]\",\"name\":\"input\",\"type\":\"uint256[1]\"}],\"name\":\"verifyProof\",\"outputs\":[],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	Bin: "0x60808060405234601557611547908161001a8239f35b5f80fdfe60806040526004361015610011575f80fd5b5f3560e01c80630ea14a3914610c9d578063317297ea1461063a57638d8f8a5c1461003a575f80fd5b346106365760403660031901126106365760043567ffffffffffffffff81116106365761006b903690600401610dd2565b36604411610636576100806101808214610e36565b604090815161008f8382610e00565b82368237610100840192808483376020938151936100ad8686610e00565b85368637610140116106365781518581019083838337606081015f81526060516080905f5b8a82821061062257505050509061010381835f5160206114f25f395f51905f5295945003601f198101835282610e00565b5190200684528180519182377f23df1a65ba10ee0492d884b29af88205caae50fd82e68067657f39a9652c55e4828201527f1b26538e89a00acdc5cc0b9aaf1fdac8c5af42d532402a3580e7f379cadff97960608201527f07f01bbc40d5b4e1fcca5a7ef6813e38bbf67bea0a50fce4957e620fd1b0a59560808201527f1b4c398c23b1770d65a0cdd822774cf5c571321052e1107c4d23f24e5c44bd1260a082015281610140870160c08301377f0c98715c319d80b9967d945c2eaf924f5d1c17274d43a171b2bc820fbfc69cf56101008201527f27e2b23ee6775c7161b165f68c8a3017fc5d0f23ba3823e3474cf0872df2b8de6101208201527f286b2dc2e8ce05c070774352c638b91fadd094e82cbfe5b2380935f8481441d36101408201527f0779b1dabc6c6a124cb6844ba934ccb53dad022eda92acf6c165c909c36512f161016082015284816101808160085afa90511615610613578051928184017f2f058d85866726be218184b82b8a4243051173983e8be7ccc3fad609ba3e381685525f5160206114f25f395f51905f528387808801967f220ae7f67354cf8c2dccbe34f2ceba1be45da34cd8f00a8574756f7cda0f2f6a88528051855201519260608801938452818860808160065afa947f20b4a93f56a330e726109fc6eff72d95ef1f3389ea4d0c3ea2c23a294b46b62482527f1a0692abe5f5af4e1bff71c983a9c06ce5b37d5b65138f5a697e72ef339f3f5285527f0ad47917a9acf12cd164003cb214d9a3dffb31975b9eda968a677393361796c1600160243560808c0198818a5287878760608160075afa92101616858c60808160065afa1616957f2fb830f4b5e61c7ba6bdff9d47bbe914e77b443f5e38057212e2650f0159364b8452525180955260608160075afa92101616818460808160065afa169251915192156106045761010090519485377f1d91a90c6c900e35f365830b16f01092c9cb4535c1a6449d5eda156958fe3c826101008501527f26ac1a2efd029ed6304ecb199a0dfa5dd2fd590f177b1b959bacdbbcdd33e55c6101208501527f23c0fd51ba1af32e2b0156fc7a08f8b67be4bc20f0a954d3f39d20d9f57534c86101408501527f1c807eeb87fb8e70270ced6e30101db2b73bce7661f201e7eb0e10bf253c5fdf6101608501527f1a190f10b410b1459da4b12b34b6e2339145cbbdec0382e49fb61aacb48501de6101808501527f0e7ce481895646b36889625eb02d9f3b315676915d449fcaecb034d789f39dfd6101a08501527f2b5192663b11997dbaba447da9745adb1620c356f502e6fb14de350680eef5cf6101c08501527f0da9a7fabf1ea2353bb64c9bc7bfb76226aa7abe3384217bd57db41e03278c196101e08501527f133e4e8f3008e5bb7e5285515508515ad8770094f22d00ce3da3ae015660823e6102008501527f07515d76266cee8b1dad4296c61f495db3802d5db110b6f26d6a29e2cd486da86102208501526102408401526102608301527f1164f1d52b2880b5dfbe1fec023a46c0ce0e8db26244ceb75ea1c85464e5b5926102808301527f132ec25211cd32bfa6c5b705a61c490811e1d2c84b27892ce8040845e78a2b5e6102a08301527f0d7d3ee1718346995209d67ca9fd7d19687829ae2167120a7cc6550f8a9a96136102c08301527f2edeff348b5c04df050f931373466f307b5cf088020326e1a2ad76999ca829c36102e0830152816103008160085afa905116156105f557005b631ff3747d60e21b5f5260045ffd5b63a54f8e2760e01b5f5260045ffd5b6351d49ff760e11b5f5260045ffd5b8351855293840193909201916001016100d2565b5f80fd5b346106365760e03660031901126106365736608411610636573660a411610636573660e4116106365760405160206106728183610e00565b8036833760408051906106858183610e00565b803683376103009381519261069a8685610e00565b853685376106a960843561114e565b8683015281526106ba60a43561114e565b9082518784015186519089820192835287820152606081016060516080905f5b8c828210610c8957505050509061070b81835f5160206114f25f395f51905f5295945003601f198101835282610e00565b5190200684528251865286830151878701527f23df1a65ba10ee0492d884b29af88205caae50fd82e68067657f39a9652c55e4858701527f1b26538e89a00acdc5cc0b9aaf1fdac8c5af42d532402a3580e7f379cadff97960608701527f07f01bbc40d5b4e1fcca5a7ef6813e38bbf67bea0a50fce4957e620fd1b0a59560808701527f1b4c398c23b1770d65a0cdd822774cf5c571321052e1107c4d23f24e5c44bd1260a087015260c086015260e08501527f0c98715c319d80b9967d945c2eaf924f5d1c17274d43a171b2bc820fbfc69cf56101008501527f27e2b23ee6775c7161b165f68c8a3017fc5d0f23ba3823e3474cf0872df2b8de6101208501527f286b2dc2e8ce05c070774352c638b91fadd094e82cbfe5b2380935f8481441d36101408501527f0779b1dabc6c6a124cb6844ba934ccb53dad022eda92acf6c165c909c36512f1610160850152825185816101808760085afa9051161561061357849061087b60043561114e565b61088c6024959295356044356111b9565b929190938961089c60643561114e565b9890977f0ad47917a9acf12cd164003cb214d9a3dffb31975b9eda968a677393361796c183519b8c937f2f058d85866726be218184b82b8a4243051173983e8be7ccc3fad609ba3e381685527f220ae7f67354cf8c2dccbe34f2ceba1be45da34cd8f00a8574756f7cda0f2f6a828601528051868601520151606084019081527f2fb830f4b5e61c7ba6bdff9d47bbe914e77b443f5e38057212e2650f0159364b858560808160065afa957f20b4a93f56a330e726109fc6eff72d95ef1f3389ea4d0c3ea2c23a294b46b624818701527f1a0692abe5f5af4e1bff71c983a9c06ce5b37d5b65138f5a697e72ef339f3f528352600160c4356080880198818a525f5160206114f25f395f51905f5284808b016060828d0160075afa92101616828860808160065afa161695015252518092525f5160206114f25f395f51905f528c8b606082808301920160075afa921016168a8960808160065afa16988c89519901519915610604578b528b8b0152888a01526060890152608088015260a087015260c086015260e08501527f1d91a90c6c900e35f365830b16f01092c9cb4535c1a6449d5eda156958fe3c826101008501527f26ac1a2efd029ed6304ecb199a0dfa5dd2fd590f177b1b959bacdbbcdd33e55c6101208501527f23c0fd51ba1af32e2b0156fc7a08f8b67be4bc20f0a954d3f39d20d9f57534c86101408501527f1c807eeb87fb8e70270ced6e30101db2b73bce7661f201e7eb0e10bf253c5fdf6101608501527f1a190f10b410b1459da4b12b34b6e2339145cbbdec0382e49fb61aacb48501de6101808501527f0e7ce481895646b36889625eb02d9f3b315676915d449fcaecb034d789f39dfd6101a08501527f2b5192663b11997dbaba447da9745adb1620c356f502e6fb14de350680eef5cf6101c08501527f0da9a7fabf1ea2353bb64c9bc7bfb76226aa7abe3384217bd57db41e03278c196101e08501527f133e4e8f3008e5bb7e5285515508515ad8770094f22d00ce3da3ae015660823e6102008501527f07515d76266cee8b1dad4296c61f495db3802d5db110b6f26d6a29e2cd486da86102208501526102408401526102608301527f1164f1d52b2880b5dfbe1fec023a46c0ce0e8db26244ceb75ea1c85464e5b5926102808301527f132ec25211cd32bfa6c5b705a61c490811e1d2c84b27892ce8040845e78a2b5e6102a08301527f0d7d3ee1718346995209d67ca9fd7d19687829ae2167120a7cc6550f8a9a96136102c08301527f2edeff348b5c04df050f931373466f307b5cf088020326e1a2ad76999ca829c36102e083015251928391610c648484610e00565b8336843760085afa15908115610c7c575b506105f557005b6001915051141581610c75565b8351855293840193909201916001016106da565b346106365760203660031901126106365760043567ffffffffffffffff811161063657610cce903690600401610dd2565b90608060405191610cdf8284610e00565b81368437610d79602091610d0761018060405197610cfd868a610e00565b85368a3714610e36565b610d15838201358235610e79565b8552610d328482013560a083013560408401356060850135610f1a565b848701526040860152610d4d60e082013560c0830135610e79565b6060860152610d66610120820135610100830135610e79565b8652610140610160820135910135610e79565b9160405193845f905b60048210610dbc57505050830193905f945b60018610610da75760c0858560a0820152f35b81806001928551815201930195019491610d94565b8251815291840191600191909101908401610d82565b9181601f840112156106365782359167ffffffffffffffff8311610636576020838186019501011161063657565b90601f8019910116810190811067ffffffffffffffff821117610e2257604052565b634e487b7160e01b5f52604160045260245ffd5b15610e3d57565b60405162461bcd60e51b81526020600482015260146024820152730d2dcecc2d8d2c840e0e4dedecc40d8cadccee8d60631b6044820152606490fd5b905f5160206114d25f395f51905f528210801590610f03575b6105f557811580610efb575b610ef557610ec25f5160206114d25f395f51905f52600381858181800909086112f2565b818103610ed157505060011b90565b5f5160206114d25f395f51905f52809106810306145f146105f557600190811b1790565b50505f90565b508015610e9e565b505f5160206114d25f395f51905f52811015610e92565b919093925f5160206114d25f395f51905f528310801590611137575b8015611120575b8015611109575b6105f55780828685171717156110fe579082916110615f5160206114d25f395f51905f5280808080888180808f9d7f30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd448f839290839109099d8e0981848181800909087f2b149d40ceb8aaae81be18991be06ac3b5b4c5e559dbefa33267e6dc24a138e5089a09818c8181800909087f2fcd3ac2a640a154eb23960892a85a68f031ca0c8344b23a577dcf1052b9e7750806810306945f5160206114d25f395f51905f527f183227397098d014dc2822db40c0ac2ecbc0b548b438e5469e10460b6c3e7ea48161103b81808b800981878009086112f2565b8408095f5160206114d25f395f51905f5261105582611469565b80091415958691611315565b9290808214806110f5575b156110935750505050905f1461108b5760ff60025b169060021b179190565b60ff5f611081565b5f5160206114d25f395f51905f528091068103061491826110d6575b5050156105f557600191156110ce5760ff60025b169060021b17179190565b60ff5f6110c3565b5f5160206114d25f395f51905f52919250819006810306145f806110af565b5083831461106c565b50505090505f905f90565b505f5160206114d25f395f51905f52811015610f44565b505f5160206114d25f395f51905f52821015610f3d565b505f5160206114d25f395f51905f52851015610f36565b80156111b2578060011c915f5160206114d25f395f51905f528310156105f5576001806111915f5160206114d25f395f51905f52600381888181800909086112f2565b93161461119a57565b905f5160206114d25f395f51905f5280910681030690565b505f905f90565b8015806112ea575b6112de578060021c92825f5160206114d25f395f51905f5285108015906112c7575b6105f55784815f5160206114d25f395f51905f5280808080808080807f30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd44816112919d8d0909998a0981898181800909087f2fcd3ac2a640a154eb23960892a85a68f031ca0c8344b23a577dcf1052b9e7750806810306936002808a16149509818a8181800909087f2b149d40ceb8aaae81be18991be06ac3b5b4c5e559dbefa33267e6dc24a138e508611315565b809291600180829616146112a3575050565b5f5160206114d25f395f51905f528093945080929550809106810306930681030690565b505f5160206114d25f395f51905f528110156111e3565b50505f905f905f905f90565b5081156111c1565b906112fc82611469565b915f5160206114d25f395f51905f52838009036105f557565b915f5160206114d25f395f51905f527f183227397098d014dc2822db40c0ac2ecbc0b548b438e5469e10460b6c3e7ea48161136d9396949661135f82808a8009818a8009086112f2565b9061145d575b8608096112f2565b925f5160206114d25f395f51905f52600285096040519060208252602080830152602060408301528060608301527f30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd4560808301525f5160206114d25f395f51905f5260a083015260208260c08160055afa915191156105f5575f5160206114d25f395f51905f528260019209036105f5575f5160206114d25f395f51905f52908209925f5160206114d25f395f51905f52808080878009068103068187800908149081159161143e575b506105f557565b90505f5160206114d25f395f51905f528084860960020914155f611437565b81809106810306611365565b9060405191602083526020808401526020604084015260608301527f0c19139cb84c680a6e14116da060561765e05aa45a1c72a34f082305b61f3f5260808301525f5160206114d25f395f51905f5260a083015260208260c08160055afa915191156105f55756fe30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd4730644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001a2646970667358221220e67cc68529e78cbec684a33c15d152a780cdf1c9a6444583852b1fd3a801c04664736f6c634300081c0033",
}

// SettlementVerifierABI is the input ABI used to generate the binding from.
// Deprecated: Use SettlementVerifierMetaData.ABI instead.
var SettlementVerifierABI = SettlementVerifierMetaData.ABI

// SettlementVerifierBin is the compiled bytecode used for deploying new contracts.
// Deprecated: Use SettlementVerifierMetaData.Bin instead.
var SettlementVerifierBin = SettlementVerifierMetaData.Bin

// DeploySettlementVerifier deploys a new Ethereum contract, binding an instance of SettlementVerifier to it.
func DeploySettlementVerifier(auth *bind.TransactOpts, backend bind.ContractBackend) (common.Address, *types.Transaction, *SettlementVerifier, error) {
	parsed, err := SettlementVerifierMetaData.GetAbi()
	if err != nil {
		return common.Address{}, nil, nil, err
	}
	if parsed == nil {
		return common.Address{}, nil, nil, errors.New("GetABI returned nil")
	}

	address, tx, contract, err := bind.DeployContract(auth, *parsed, common.FromHex(SettlementVerifierBin), backend)
	if err != nil {
		return common.Address{}, nil, nil, err
	}
	return address, tx, &SettlementVerifier{SettlementVerifierCaller: SettlementVerifierCaller{contract: contract}, SettlementVerifierTransactor: SettlementVerifierTransactor{contract: contract}, SettlementVerifierFilterer: SettlementVerifierFilterer{contract: contract}}, nil
}

// SettlementVerifier is an auto generated Go binding around an Ethereum contract.
type SettlementVerifier struct {
	SettlementVerifierCaller     // Read-only binding to the contract
	SettlementVerifierTransactor // Write-only binding to the contract
	SettlementVerifierFilterer   // Log filterer for contract events
}

// SettlementVerifierCaller is an auto generated read-only Go binding around an Ethereum contract.
type SettlementVerifierCaller struct {
	contract *bind.BoundContract // Generic contract wrapper for the low level calls
}

// SettlementVerifierTransactor is an auto generated write-only Go binding around an Ethereum contract.
type SettlementVerifierTransactor struct {
	contract *bind.BoundContract // Generic contract wrapper for the low level calls
}

// SettlementVerifierFilterer is an auto generated log filtering Go binding around an Ethereum contract events.
type SettlementVerifierFilterer struct {
	contract *bind.BoundContract // Generic contract wrapper for the low level calls
}

// SettlementVerifierSession is an auto generated Go binding around an Ethereum contract,
// with pre-set call and transact options.
type SettlementVerifierSession struct {
	Contract     *SettlementVerifier // Generic contract binding to set the session for
	CallOpts     bind.CallOpts       // Call options to use throughout this session
	TransactOpts bind.TransactOpts   // Transaction auth options to use throughout this session
}

// SettlementVerifierCallerSession is an auto generated read-only Go binding around an Ethereum contract,
// with pre-set call options.
type SettlementVerifierCallerSession struct {
	Contract *SettlementVerifierCaller // Generic contract caller binding to set the session for
	CallOpts bind.CallOpts             // Call options to use throughout this session
}

// SettlementVerifierTransactorSession is an auto generated write-only Go binding around an Ethereum contract,
// with pre-set transact options.
type SettlementVerifierTransactorSession struct {
	Contract     *SettlementVerifierTransactor // Generic contract transactor binding to set the session for
	TransactOpts bind.TransactOpts             // Transaction auth options to use throughout this session
}

// SettlementVerifierRaw is an auto generated low-level Go binding around an Ethereum contract.
type SettlementVerifierRaw struct {
	Contract *SettlementVerifier // Generic contract binding to access the raw methods on
}

// SettlementVerifierCallerRaw is an auto generated low-level read-only Go binding around an Ethereum contract.
type SettlementVerifierCallerRaw struct {
	Contract *SettlementVerifierCaller // Generic read-only contract binding to access the raw methods on
}

// SettlementVerifierTransactorRaw is an auto generated low-level write-only Go binding around an Ethereum contract.
type SettlementVerifierTransactorRaw struct {
	Contract *SettlementVerifierTransactor // Generic write-only contract binding to access the raw methods on
}

// NewSettlementVerifier creates a new instance of SettlementVerifier, bound to a specific deployed contract.
func NewSettlementVerifier(address common.Address, backend bind.ContractBackend) (*SettlementVerifier, error) {
	contract, err := bindSettlementVerifier(address, backend, backend, backend)
	if err != nil {
		return nil, err
	}
	return &SettlementVerifier{SettlementVerifierCaller: SettlementVerifierCaller{contract: contract}, SettlementVerifierTransactor: SettlementVerifierTransactor{contract: contract}, SettlementVerifierFilterer: SettlementVerifierFilterer{contract: contract}}, nil
}

// NewSettlementVerifierCaller creates a new read-only instance of SettlementVerifier, bound to a specific deployed contract.
func NewSettlementVerifierCaller(address common.Address, caller bind.ContractCaller) (*SettlementVerifierCaller, error) {
	contract, err := bindSettlementVerifier(address, caller, nil, nil)
	if err != nil {
		return nil, err
	}
	return &SettlementVerifierCaller{contract: contract}, nil
}

// NewSettlementVerifierTransactor creates a new write-only instance of SettlementVerifier, bound to a specific deployed contract.
func NewSettlementVerifierTransactor(address common.Address, transactor bind.ContractTransactor) (*SettlementVerifierTransactor, error) {
	contract, err := bindSettlementVerifier(address, nil, transactor, nil)
	if err != nil {
		return nil, err
	}
	return &SettlementVerifierTransactor{contract: contract}, nil
}

// NewSettlementVerifierFilterer creates a new log filterer instance of SettlementVerifier, bound to a specific deployed contract.
func NewSettlementVerifierFilterer(address common.Address, filterer bind.ContractFilterer) (*SettlementVerifierFilterer, error) {
	contract, err := bindSettlementVerifier(address, nil, nil, filterer)
	if err != nil {
		return nil, err
	}
	return &SettlementVerifierFilterer{contract: contract}, nil
}

// bindSettlementVerifier binds a generic wrapper to an already deployed contract.
func bindSettlementVerifier(address common.Address, caller bind.ContractCaller, transactor bind.ContractTransactor, filterer bind.ContractFilterer) (*bind.BoundContract, error) {
	parsed, err := SettlementVerifierMetaData.GetAbi()
	if err != nil {
		return nil, err
	}
	return bind.NewBoundContract(address, *parsed, caller, transactor, filterer), nil
}

// Call invokes the (constant) contract method with params as input values and
// sets the output to result. The result type might be a single field for simple
// returns, a slice of interfaces for anonymous returns and a struct for named
// returns.
func (_SettlementVerifier *SettlementVerifierRaw) Call(opts *bind.CallOpts, result *[]interface{}, method string, params ...interface{}) error {
	return _SettlementVerifier.Contract.SettlementVerifierCaller.contract.Call(opts, result, method, params...)
}

// Transfer initiates a plain transaction to move funds to the contract, calling
// its default method if one is available.
func (_SettlementVerifier *SettlementVerifierRaw) Transfer(opts *bind.TransactOpts) (*types.Transaction, error) {
	return _SettlementVerifier.Contract.SettlementVerifierTransactor.contract.Transfer(opts)
}

// Transact invokes the (paid) contract method with params as input values.
func (_SettlementVerifier *SettlementVerifierRaw) Transact(opts *bind.TransactOpts, method string, params ...interface{}) (*types.Transaction, error) {
	return _SettlementVerifier.Contract.SettlementVerifierTransactor.contract.Transact(opts, method, params...)
}

// Call invokes the (constant) contract method with params as input values and
// sets the output to result. The result type might be a single field for simple
// returns, a slice of interfaces for anonymous returns and a struct for named
// returns.
func (_SettlementVerifier *SettlementVerifierCallerRaw) Call(opts *bind.CallOpts, result *[]interface{}, method string, params ...interface{}) error {
	return _SettlementVerifier.Contract.contract.Call(opts, result, method, params...)
}

// Transfer initiates a plain transaction to move funds to the contract, calling
// its default method if one is available.
func (_SettlementVerifier *SettlementVerifierTransactorRaw) Transfer(opts *bind.TransactOpts) (*types.Transaction, error) {
	return _SettlementVerifier.Contract.contract.Transfer(opts)
}

// Transact invokes the (paid) contract method with params as input values.
func (_SettlementVerifier *SettlementVerifierTransactorRaw) Transact(opts *bind.TransactOpts, method string, params ...interface{}) (*types.Transaction, error) {
	return _SettlementVerifier.Contract.contract.Transact(opts, method, params...)
}

// CompressProof is a free data retrieval call binding the contract method 0x0ea14a39.
//
// Solidity: function compressProof(bytes proof) view returns(uint256[4] compressed, uint256[1] compressedCommitments, uint256 compressedCommitmentPok)
func (_SettlementVerifier *SettlementVerifierCaller) CompressProof(opts *bind.CallOpts, proof []byte) (struct {
	Compressed              [4]*big.Int
	CompressedCommitments   [1]*big.Int
	CompressedCommitmentPok *big.Int
}, error) {
	var out []interface{}
	err := _SettlementVerifier.contract.Call(opts, &out, "compressProof", proof)

	outstruct := new(struct {
		Compressed              [4]*big.Int
		CompressedCommitments   [1]*big.Int
		CompressedCommitmentPok *big.Int
	})
	if err != nil {
		return *outstruct, err
	}

	outstruct.Compressed = *abi.ConvertType(out[0], new([4]*big.Int)).(*[4]*big.Int)
	outstruct.CompressedCommitments = *abi.ConvertType(out[1], new([1]*big.Int)).(*[1]*big.Int)
	outstruct.CompressedCommitmentPok = *abi.ConvertType(out[2], new(*big.Int)).(**big.Int)

	return *outstruct, err

}

// CompressProof is a free data retrieval call binding the contract method 0x0ea14a39.
//
// Solidity: function compressProof(bytes proof) view returns(uint256[4] compressed, uint256[1] compressedCommitments, uint256 compressedCommitmentPok)
func (_SettlementVerifier *SettlementVerifierSession) CompressProof(proof []byte) (struct {
	Compressed              [4]*big.Int
	CompressedCommitments   [1]*big.Int
	CompressedCommitmentPok *big.Int
}, error) {
	return _SettlementVerifier.Contract.CompressProof(&_SettlementVerifier.CallOpts, proof)
}

// CompressProof is a free data retrieval call binding the contract method 0x0ea14a39.
//
// Solidity: function compressProof(bytes proof) view returns(uint256[4] compressed, uint256[1] compressedCommitments, uint256 compressedCommitmentPok)
func (_SettlementVerifier *SettlementVerifierCallerSession) CompressProof(proof []byte) (struct {
	Compressed              [4]*big.Int
	CompressedCommitments   [1]*big.Int
	CompressedCommitmentPok *big.Int
}, error) {
	return _SettlementVerifier.Contract.CompressProof(&_SettlementVerifier.CallOpts, proof)
}

// VerifyCompressedProof is a free data retrieval call binding the contract method 0x317297ea.
//
// Solidity: function verifyCompressedProof(uint256[4] compressedProof, uint256[1] compressedCommitments, uint256 compressedCommitmentPok, uint256[1] input) view returns()
func (_SettlementVerifier *SettlementVerifierCaller) VerifyCompressedProof(opts *bind.CallOpts, compressedProof [4]*big.Int, compressedCommitments [1]*big.Int, compressedCommitmentPok *big.Int, input [1]*big.Int) error {
	var out []interface{}
	err := _SettlementVerifier.contract.Call(opts, &out, "verifyCompressedProof", compressedProof, compressedCommitments, compressedCommitmentPok, input)

	if err != nil {
		return err
	}

	return err

}

// VerifyCompressedProof is a free data retrieval call binding the contract method 0x317297ea.
//
// Solidity: function verifyCompressedProof(uint256[4] compressedProof, uint256[1] compressedCommitments, uint256 compressedCommitmentPok, uint256[1] input) view returns()
func (_SettlementVerifier *SettlementVerifierSession) VerifyCompressedProof(compressedProof [4]*big.Int, compressedCommitments [1]*big.Int, compressedCommitmentPok *big.Int, input [1]*big.Int) error {
	return _SettlementVerifier.Contract.VerifyCompressedProof(&_SettlementVerifier.CallOpts, compressedProof, compressedCommitments, compressedCommitmentPok, input)
}

// VerifyCompressedProof is a free data retrieval call binding the contract method 0x317297ea.
//
// Solidity: function verifyCompressedProof(uint256[4] compressedProof, uint256[1] compressedCommitments, uint256 compressedCommitmentPok, uint256[1] input) view returns()
func (_SettlementVerifier *SettlementVerifierCallerSession) VerifyCompressedProof(compressedProof [4]*big.Int, compressedCommitments [1]*big.Int, compressedCommitmentPok *big.Int, input [1]*big.Int) error {
	return _SettlementVerifier.Contract.VerifyCompressedProof(&_SettlementVerifier.CallOpts, compressedProof, compressedCommitments, compressedCommitmentPok, input)
}

// VerifyProof is a free data retrieval call binding the contract method 0x8d8f8a5c.
//
// Solidity: function verifyProof(bytes proof, uint256[1] input) view returns()
func (_SettlementVerifier *SettlementVerifierCaller) VerifyProof(opts *bind.CallOpts, proof []byte, input [1]*big.Int) error {
	var out []interface{}
	err := _SettlementVerifier.contract.Call(opts, &out, "verifyProof", proof, input)

	if err != nil {
		return err
	}

	return err

}

// VerifyProof is a free data retrieval call binding the contract method 0x8d8f8a5c.
//
// Solidity: function verifyProof(bytes proof, uint256[1] input) view returns()
func (_SettlementVerifier *SettlementVerifierSession) VerifyProof(proof []byte, input [1]*big.Int) error {
	return _SettlementVerifier.Contract.VerifyProof(&_SettlementVerifier.CallOpts, proof, input)
}

// VerifyProof is a free data retrieval call binding the contract method 0x8d8f8a5c.
//
// Solidity: function verifyProof(bytes proof, uint256[1] input) view returns()
func (_SettlementVerifier *SettlementVerifierCallerSession) VerifyProof(proof []byte, input [1]*big.Int) error {
	return _SettlementVerifier.Contract.VerifyProof(&_SettlementVerifier.CallOpts, proof, input)
}
