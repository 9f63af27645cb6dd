# The seed's MNIST example as a lease spec: a GPU box next to the Fashion-MNIST data the
# provider already stores, mounted read-only at /data/fashion-mnist.
#
#   shale lease apply examples/leases/fashion-mnist.hcl
#
# The CID is a placeholder: `shale sps` lists each provider's datasets and their CIDs.

lease "fashion-mnist" {
  provider  = "f01946720"
  image     = "shale/debian:bookworm"
  duration  = "2h"
  bandwidth = "1Mi" # per second, everything through the SSH gateway

  # Who may log in: authorized_keys lines. "~" is your home directory; relative paths
  # are relative to this file.
  ssh_keys = [file("~/.ssh/id_ed25519.pub")]

  resources {
    cpus   = 4
    memory = "12Gi"
    gpus   = 1
  }

  mount {
    cid  = "bafybeibws66o65brwe6hahzg5rs4yqth4vroo73hbvpftcumiekkkekjye"
    path = "/data/fashion-mnist"
  }

  payment {
    price  = "0.01fil/min" # escrow = price × duration = 1.2 FIL
    prepay = "5m"          # vouchers run at most this far ahead of metered time
    grace  = "1m"          # arrears tolerated before the lease stops
  }
}
