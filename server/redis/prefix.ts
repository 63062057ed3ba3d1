/** What every key and channel Cocrea uses in Redis starts with, so a shared Redis stays readable. */
export const REDIS_PREFIX = "cocrea:";
