// Package voucher implements Shale payment keys (EdDSA on BN254's twisted Edwards curve),
// signed cumulative vouchers and terminate messages, their encodings and native verification.
package voucher
