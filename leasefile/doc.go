// Package leasefile reads lease specs written in HCL (`lease "name" { … }`) into a lease.Spec,
// reporting every problem as a diagnostic with file, line and column.
package leasefile
