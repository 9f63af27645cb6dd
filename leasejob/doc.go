// Package leasejob is the contract between the shale driver and the bridge: the task config
// a lease's Nomad job carries, the node attributes the driver fingerprints, and the job itself.
package leasejob
