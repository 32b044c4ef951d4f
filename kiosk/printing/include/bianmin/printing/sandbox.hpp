// A private CUPS scheduler and a fake network receipt printer, for tests, the bench and demos
// on machines without a printer. Not used by the kiosk itself.
//
// Promises:
//  - PrivateCupsd::start() runs /usr/sbin/cupsd in the foreground as a child process with its
//    own ServerRoot, spool, cache, state and log directories under `dir`, listening only on a
//    Unix socket in `dir` (no TCP port, no browsing, no web interface), `User lp`,
//    `FileDevice Yes`. It needs root (cupsd drops to lp for backends). start() returns once
//    the scheduler answers, or an error with the tail of its error_log.
//  - server() is the socket path to give PrintConfig::server, lpadmin -h or CUPS_SERVER.
//  - Backends come from /usr/lib/cups/backend plus "bianmin-fault", a test backend whose
//    device URI bianmin-fault://KEYWORD reports printer-state-reason KEYWORD (e.g.
//    media-empty-error) and then waits like a printer waiting for paper.
//  - The destructor (or stop()) terminates cupsd and every job process it started, then
//    removes nothing: `dir` belongs to the caller.
//  - ReceiptListener listens on 127.0.0.1 at an ephemeral port like a socket:// (JetDirect)
//    receipt printer. Mode Print reads each connection to its end and keeps the bytes of
//    those that carried a job, answering ESC/POS status requests (DLE EOT n) that open a
//    connection with "online" (0x12) like a printer's firmware; Hang accepts and never reads
//    nor closes (a wedged printer: status requests go unanswered). refuse() closes the listening
//    socket, so connections are refused (a printer switched off). All threads are joined
//    and sockets closed by the destructor.
//  - parse_escpos() reads a job's bytes as an ESC/POS receipt printer would, accepting only
//    the commands escpos::raster_job() sends (ESC @, GS v 0, ESC d, GS V); anything else, a
//    truncated command or bands of different widths is an error naming the byte offset. It
//    rebuilds the printed raster from the bands.
#pragma once
#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "bianmin/base/result.hpp"
#include "bianmin/slips/slips.hpp"

namespace bianmin::printing::sandbox {

class PrivateCupsd {
 public:
  explicit PrivateCupsd(std::filesystem::path dir);
  ~PrivateCupsd();
  PrivateCupsd(const PrivateCupsd&) = delete;
  PrivateCupsd& operator=(const PrivateCupsd&) = delete;

  Status start(std::chrono::milliseconds wait = std::chrono::seconds(60));
  void stop();
  const std::string& server() const { return socket_; }

  // lpadmin -p NAME -E -v DEVICE_URI (a raw queue), error policy abort-job so a failed job
  // is not retried hours later.
  Status add_queue(const std::string& name, const std::string& device_uri);
  // cupsdisable / cupsenable / cupsreject / cupsaccept on the queue.
  Status disable(const std::string& name);
  Status enable(const std::string& name);
  Status reject(const std::string& name);
  Status accept(const std::string& name);
  // Runs a CUPS client tool against this scheduler: {"lpstat", "-W", "all", "-o"} etc.
  Result<std::string> client(const std::vector<std::string>& argv) const;
  std::string error_log() const;

 private:
  Status queue_tool(const char* tool, const std::string& name);  // /usr/sbin/<tool> -h socket name
  std::filesystem::path dir_;
  std::string socket_;
  pid_t pid_ = -1;
};

// What an ESC/POS printer made of a job.
struct EscPosJob {
  std::vector<std::string> commands;  // in order: "ESC @", "GS v 0", "ESC d 4", "GS V 1" …
  slips::Raster raster;               // every GS v 0 band stacked, top to bottom
  int bands = 0;
  int fed_lines = 0;           // sum of ESC d
  bool ends_with_cut = false;  // the last command is GS V
};
Result<EscPosJob> parse_escpos(const std::string& bytes);

class ReceiptListener {
 public:
  enum class Mode { Print, Hang };
  explicit ReceiptListener(Mode mode = Mode::Print);
  ~ReceiptListener();
  ReceiptListener(const ReceiptListener&) = delete;
  ReceiptListener& operator=(const ReceiptListener&) = delete;

  int port() const { return port_; }
  std::string device_uri() const;  // socket://127.0.0.1:PORT (SNMP off: there is no agent)
  void refuse();                   // stop listening: connections are refused from now on

  // Waits until `n` connections have ended (Print) or been accepted (Hang), up to `timeout`.
  bool wait_for(size_t n, std::chrono::milliseconds timeout);
  std::vector<std::string> received() const;  // one string per ended job connection (Print)
  size_t accepted() const;                    // job connections (Print), every connection (Hang)
  size_t connections() const;                 // every connection, status checks included
  size_t status_requests() const;             // DLE EOT requests answered (Print)

 private:
  void serve();
  Mode mode_;
  int listen_fd_ = -1;
  int wake_[2] = {-1, -1};
  int port_ = 0;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::string> received_;
  std::vector<int> held_;  // Hang: connections kept open
  size_t accepted_ = 0;
  size_t connections_ = 0;
  size_t status_requests_ = 0;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace bianmin::printing::sandbox
