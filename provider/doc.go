// Package provider is the storage provider operator's side of Shale as library code: the
// bridge's HCL config and keys, and the run, register, status and lease-container commands.
//
// cmd/shale-bridge wires signals and calls Execute; tests drive NewRootCmd in process. The
// configuration file is HCL; examples/bridge/shale-bridge.hcl documents every setting.
package provider
