"""remedy's random generator (src/util/random.ts) in Python: xoshiro128** seeded by splitmix32.

The golden generator replays dropout masks with it, so PyTorch sees the very masks remedy draws.
"""
M = 0xFFFFFFFF


def _imul(a, b):
    return (a * b) & M


def _rotl(x, k):
    return ((x << k) | (x >> (32 - k))) & M


class Random:
    def __init__(self, seed=0):
        x = seed & M
        self.s = []
        for _ in range(4):
            x = (x + 0x9E3779B9) & M
            z = x
            z = _imul(z ^ (z >> 16), 0x85EBCA6B)
            z = _imul(z ^ (z >> 13), 0xC2B2AE35)
            self.s.append((z ^ (z >> 16)) & M)
        if not any(self.s):
            self.s[0] = 1

    @staticmethod
    def stream(seed, name):
        h = 0x811C9DC5
        for ch in name:
            h = _imul(h ^ ord(ch), 0x01000193)
        return Random((seed ^ h) & M)

    def next_uint32(self):
        s = self.s
        result = _imul(_rotl(_imul(s[1], 5), 7), 9)
        t = (s[1] << 9) & M
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = _rotl(s[3], 11)
        return result

    def uniform(self):
        return (self.next_uint32() >> 8) / 16777216
