module edgenet.dev/netmon

go 1.22
