# A plain CPU box for a day: no GPU, no deal data.
#
#   shale lease apply -var provider=f01000 examples/leases/cpu-box.hcl

variable "provider" {
  description = "Filecoin miner id of the storage provider"
  default     = "f01946720"
}

variable "ssh_key" {
  description = "public key file allowed to log in"
  default     = "~/.ssh/id_ed25519.pub"
}

lease "cpu-box" {
  provider = var.provider
  image    = "shale/debian:bookworm"
  duration = "1d"
  ssh_keys = [file(var.ssh_key)]

  resources {
    cpus   = 2
    memory = "4Gi"
    disk   = "20Gi"
  }

  payment {
    price = "0.5 FIL/day"
  }
}
