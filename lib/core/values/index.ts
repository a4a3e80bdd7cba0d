export { Ipv4Address } from './ipv4-address';
export { MacAddress } from './mac-address';
export { Subnet } from './subnet';
export { AddressRange } from './address-range';
