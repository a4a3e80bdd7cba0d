#!/usr/bin/python3
"""The reference sidecar's job, as the reference writes it (Python, pyroute2), for the memory
benchmark when no reference sidecar is given: netlink events in, JSON lines out on a unix
socket; a network_discovery on connect, a network_change per interface after a fixed debounce.
Only here to be measured side by side with `edgenet netmon`; it is not part of edgenet."""

import argparse
import ipaddress
import json
import os
import socket
import threading
from datetime import datetime

from pyroute2 import IPRoute

IGNORED = ('lo', 'docker0', 'veth')


def interfaces(ipr):
    gateways = {}
    for route in ipr.get_default_routes(family=socket.AF_INET):
        gateways[route.get_attr('RTA_OIF')] = route.get_attr('RTA_GATEWAY')
    found = {}
    for link in ipr.get_links():
        name = link.get_attr('IFLA_IFNAME')
        state = link.get_attr('IFLA_OPERSTATE')
        if name.startswith(IGNORED) or state != 'UP':
            continue
        found[link['index']] = {'interface': name, 'index': link['index'], 'operstate': state,
                                'ipv4_addresses': [], 'gateway': gateways.get(link['index'])}
    for addr in ipr.get_addr(family=socket.AF_INET):
        entry = found.get(addr['index'])
        if entry is None:
            continue
        net = ipaddress.ip_interface(f"{addr.get_attr('IFA_ADDRESS')}/{addr['prefixlen']}").network
        entry['ipv4_addresses'].append({'address': addr.get_attr('IFA_ADDRESS'), 'prefixlen': addr['prefixlen'],
                                        'subnet': str(net), 'network_address': str(net.network_address)})
    return {e['interface']: e for e in found.values() if e['ipv4_addresses']}


class Sidecar:
    def __init__(self, path, debounce):
        self.path, self.debounce = path, debounce
        self.clients, self.timers, self.lock = [], {}, threading.Lock()

    def send(self, event):
        line = (json.dumps(event) + '\n').encode()
        with self.lock:
            for client in list(self.clients):
                try:
                    client.sendall(line)
                except OSError:
                    self.clients.remove(client)

    def report(self, name):
        with IPRoute() as ipr:
            entry = interfaces(ipr).get(name)
        if entry is not None:
            self.send({'type': 'network_change', 'data': {**entry, 'timestamp': datetime.now().isoformat()}})

    def touch(self, name):
        with self.lock:
            if name in self.timers:
                self.timers[name].cancel()
            self.timers[name] = threading.Timer(self.debounce, self.report, [name])
            self.timers[name].start()

    def accept(self):
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        if os.path.exists(self.path):
            os.unlink(self.path)
        server.bind(self.path)
        server.listen(8)
        while True:
            client, _ = server.accept()
            with IPRoute() as ipr:
                found = list(interfaces(ipr).values())
            client.sendall((json.dumps({'type': 'network_discovery', 'data': {'interfaces': found,
                                        'timestamp': datetime.now().isoformat()}}) + '\n').encode())
            with self.lock:
                self.clients.append(client)

    def monitor(self):
        names = {}
        with IPRoute() as events, IPRoute() as lookups:
            events.bind()
            while True:
                for message in events.get():
                    index = message.get('index') or message.get_attr('RTA_OIF')
                    if message['event'] == 'RTM_NEWLINK':
                        names[index] = message.get_attr('IFLA_IFNAME')
                    if index and index not in names:
                        try:
                            names[index] = lookups.link('get', index=index)[0].get_attr('IFLA_IFNAME')
                        except Exception:
                            continue
                    name = names.get(index)
                    if name and not name.startswith(IGNORED):
                        self.touch(name)

if __name__ == '__main__':
    parser = argparse.ArgumentParser()
    parser.add_argument('--socket', required=True)
    parser.add_argument('--debounce', type=float, default=3.0)
    args = parser.parse_args()
    sidecar = Sidecar(args.socket, args.debounce)
    threading.Thread(target=sidecar.accept, daemon=True).start()
    sidecar.monitor()
