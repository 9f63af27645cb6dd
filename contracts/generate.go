package contracts

// Rebuild the committed artifacts and bindings (needs node and `npm ci` in this directory);
// fresh_test.go fails when they are stale.
//go:generate node build.js
//go:generate go run ./internal/bindgen/cmd
