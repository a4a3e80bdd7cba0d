# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "edgenet.dev/edgenet/edgenet" {
  version     = "0.1.0"
  constraints = "0.1.0"
  hashes = [
    "h1:Tm0c1qeumC+lF1DLuN0jC8x6XiF5F2ZBLfSgZ86kI2A=",
    "h1:mpzbY31ZUFuPAK+T0iLi+TdRSsntupGbuAHbBxOUL1E=",
  ]
}

provider "registry.terraform.io/kreuzwerker/docker" {
  version     = "4.6.0"
  constraints = "4.6.0"
  hashes = [
    "h1:nM6JU8Ht3wIX9ZlWcibb+ELKbryrJvKGTXII7n3vY34=",
    "h1:wyLOuzgil2C525TNOk495kOsRhMxDKAf4xEFFJu6hIM=",
  ]
}
