# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "edgenet.dev/edgenet/edgenet" {
  version     = "0.1.0"
  constraints = "0.1.0"
  hashes = [
    "h1:4OIOhGIiGoK2AWqOp7Xa0blJNS57Uerg/UAHGHDTO3M=",
    "h1:GZYYyEuTD8p4QcA3ADNssD1Z1YehM7BZlEXLdiVRPGA=",
  ]
}

provider "registry.terraform.io/kreuzwerker/docker" {
  version     = "4.6.0"
  constraints = "4.6.0"
  hashes = [
    "h1:S9Gh+PWybNfCEjrobPDeql2Wd9tWxCp4fMSo/bIq/zI=",
    "h1:XFyjnzKZrjOchy8zqIhzEkY/bUmqFo23pqCDi1LFqy8=",
  ]
}
