# Deal data named by the Filecoin piece that holds it: the container sees exactly the bytes
# whose CommP is the PieceCID, whichever node or /piece server they come from.

lease "filecoin-piece" {
  provider = "f01946720"
  image    = "shale/debian:bookworm"
  duration = "4h"
  ssh_keys = [file("~/.ssh/id_ed25519.pub")]

  resources {
    cpus   = 4
    memory = "16Gi"
  }

  mount {                                 # a v1 PieceCID, as in a Lotus deal, with its padded size
    piece_cid  = "baga6ea4seaqngn4tmzgpxjkrqets7jhbnv6zehtbkteughvwkmmbb4ovkb7kwfy"
    piece_size = "32GiB"
    path       = "/data/fashion-mnist"
  }

  mount {                                 # a v2 PieceCID (FRC-0069) and the CAR root it must have
    piece_cid = "bafkzcibgwhi7tvqdd5sgm2pfwa5lzv7ynsmfjborxuwp4pjyhtcodireihcejqdbjy4sk"
    cid       = "bafybeibws66o65brwe6hahzg5rs4yqth4vroo73hbvpftcumiekkkekjye"
    path      = "/data/imagenet"
  }

  payment {
    price = "0.01fil/min"
  }
}
