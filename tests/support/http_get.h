// A plain HTTP/1.0 GET on loopback, for tests of coopd's HTTP endpoints (/metrics): the body
// of the answer, or an empty string if the connection or the request failed. Header-only test
// support; thread-compatible.
#ifndef COOPLEDGER_TESTS_SUPPORT_HTTP_GET_H_
#define COOPLEDGER_TESTS_SUPPORT_HTTP_GET_H_

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

namespace coop::testing {

// GET `path` from 127.0.0.1:`port`; `status_line` (if given) hears the first line.
inline std::string HttpGet(int port, const std::string& path, std::string* status_line = nullptr) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return "";
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string answer;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
    const std::string request = "GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
    if (::write(fd, request.data(), request.size()) == static_cast<ssize_t>(request.size())) {
      char buffer[8192];
      ssize_t n;
      while ((n = ::read(fd, buffer, sizeof buffer)) > 0) answer.append(buffer, n);
    }
  }
  ::close(fd);
  const size_t body = answer.find("\r\n\r\n");
  if (status_line != nullptr) *status_line = answer.substr(0, answer.find("\r\n"));
  return body == std::string::npos ? "" : answer.substr(body + 4);
}

}  // namespace coop::testing

#endif  // COOPLEDGER_TESTS_SUPPORT_HTTP_GET_H_
