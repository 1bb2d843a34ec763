// The client's address behind trusted reverse proxies: what the login throttle per address counts.
#include "http/client_address.hpp"

#include <gtest/gtest.h>

namespace ansvar::http {
namespace {

const std::vector<std::string> kProxies{"10.0.0.2", "10.0.0.3"};

TEST(ClientAddress, AnUntrustedPeerIsTheClientWhateverItForwards) {
  EXPECT_EQ(ClientAddress("203.0.113.9", "198.51.100.1", kProxies), "203.0.113.9");
  EXPECT_EQ(ClientAddress("203.0.113.9", "198.51.100.1", {}), "203.0.113.9");
}

TEST(ClientAddress, BehindATrustedProxyTheRightmostUntrustedHopIsTheClient) {
  EXPECT_EQ(ClientAddress("10.0.0.2", "198.51.100.7", kProxies), "198.51.100.7");
  // The client put a forged address first; the proxies appended the real one.
  EXPECT_EQ(ClientAddress("10.0.0.2", "1.2.3.4, 198.51.100.7, 10.0.0.3", kProxies), "198.51.100.7");
}

TEST(ClientAddress, NoOrAMalformedHeaderLeavesWhatIsKnown) {
  EXPECT_EQ(ClientAddress("10.0.0.2", "", kProxies), "10.0.0.2");
  EXPECT_EQ(ClientAddress("10.0.0.2", "198.51.100.7, ", kProxies), "10.0.0.2");
  EXPECT_EQ(ClientAddress("10.0.0.2", "10.0.0.3", kProxies), "10.0.0.3");
}

}  // namespace
}  // namespace ansvar::http
