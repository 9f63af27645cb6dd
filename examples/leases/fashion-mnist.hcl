# The seed's MNIST example as a lease spec: a box next to the Fashion-MNIST data the provider
# already stores, mounted read-only at /data/fashion-mnist.
#
#   shale lease apply -var dataset=<CID from `shale sps`> examples/leases/fashion-mnist.hcl
#   shale lease apply -var gpus=0 -var cpus=1 -var memory=2Gi ...   (a CPU-only machine, as the demo)

variable "provider" {
  description = "Filecoin miner id of the storage provider"
  default     = "f01946720"
}

variable "dataset" {
  description = "CID of the provider's Fashion-MNIST deal data (shale sps --dataset lists who has it)"
  default     = "bafybeibws66o65brwe6hahzg5rs4yqth4vroo73hbvpftcumiekkkekjye"
}

variable "gpus" {
  default = 1
}

variable "cpus" {
  default = 4
}

variable "memory" {
  default = "12Gi"
}

variable "ssh_key" {
  description = "public key file allowed to log in"
  default     = "~/.ssh/id_ed25519.pub"
}

lease "fashion-mnist" {
  provider  = var.provider
  image     = "shale/debian:bookworm"
  duration  = "2h"
  bandwidth = "1Mi" # per second, everything through the SSH gateway

  # Who may log in: authorized_keys lines. "~" is your home directory; relative paths
  # are relative to this file.
  ssh_keys = [file(var.ssh_key)]

  resources {
    cpus   = var.cpus
    memory = var.memory
    gpus   = var.gpus
  }

  mount {
    cid  = var.dataset
    path = "/data/fashion-mnist"
  }

  payment {
    price  = "0.01fil/min" # escrow = price × duration = 1.2 FIL
    prepay = "1m"          # vouchers run at most this far ahead of metered time (the provider may claim it)
    grace  = "1m"          # arrears tolerated before the lease stops
  }
}
