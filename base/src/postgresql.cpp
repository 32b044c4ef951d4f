// The one wrapper over libpq (see postgresql.hpp).
#include "bianmin/base/postgresql.hpp"

#include <string_view>

#include "bianmin/base/utf8.hpp"

namespace bianmin::pg {

std::string storable_text(std::string s) {
  if (s.find('\0') == std::string::npos && utf8::find_invalid(s) == utf8::npos) return s;
  std::string out;
  out.reserve(s.size() + 8);
  for (size_t i = 0; i < s.size();) {
    const auto d = utf8::decode_at(s, i);
    if (!d.valid || d.cp == 0)
      utf8::append(out, utf8::kReplacement);
    else
      out.append(s, i, d.size);
    i += d.size;
  }
  return out;
}

std::string sqlstate(const PGresult* r) {
  const char* s = PQresultErrorField(r, PG_DIAG_SQLSTATE);
  return s ? s : "";
}

std::string trimmed(const char* m) {
  std::string s = m ? m : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

std::string array(const std::vector<std::string>& items) {
  std::string out = "{";
  for (const auto& item : items) {
    if (out.size() > 1) out += ',';
    out += '"';
    for (char ch : item) {
      if (ch == '"' || ch == '\\') out += '\\';
      out += ch;
    }
    out += '"';
  }
  return out + "}";
}

std::string check_conninfo(const std::string& conninfo) {
  char* why = nullptr;
  PQconninfoOption* opts = PQconninfoParse(conninfo.c_str(), &why);
  if (opts != nullptr) {
    PQconninfoFree(opts);
    return {};
  }
  // libpq's reason may quote a piece of the string (a password typed without its key=): it is
  // said only when it names an unknown key, and then the key alone.
  std::string reason = trimmed(why);
  PQfreemem(why);
  if (reason.rfind("invalid connection option \"", 0) == 0 && reason.find(' ', 27) == std::string::npos)
    return "not a libpq connection string: " + reason;
  return "not a libpq connection string (key=value pairs such as \"host=/run/postgresql dbname=bianmin\", or a "
         "postgresql:// address)";
}

std::string Conn::connect(const std::string& conninfo, std::unique_ptr<Conn>& out) {
  PGconn* c = PQconnectdb(conninfo.c_str());
  out = std::make_unique<Conn>(c);
  if (c == nullptr) return "out of memory";
  if (PQstatus(c) != CONNECTION_OK) return out->error();
  // Every hub's text is UTF-8; the session's time zone plays no part (times are integers).
  PQsetClientEncoding(c, "UTF8");
  return {};
}

void Conn::heal() {
  if (PQstatus(c_) == CONNECTION_OK && !broken_) return;
  PQreset(c_);
  prepared_.clear();
  broken_ = false;
}

PgResult Conn::run(const std::string& sql, const std::vector<Param>& params, bool binary_result) {
  auto it = prepared_.find(sql);
  if (it == prepared_.end()) {
    std::string name = "s" + std::to_string(prepared_.size());
    PgResult p(PQprepare(c_, name.c_str(), sql.c_str(), 0, nullptr));
    note(p);
    if (!p || PQresultStatus(p.get()) != PGRES_COMMAND_OK) return p;
    it = prepared_.emplace(sql, std::move(name)).first;
  }
  std::vector<const char*> values;
  std::vector<int> lengths, formats;
  for (const auto& p : params) {
    values.push_back(p.null ? nullptr : p.value.c_str());
    lengths.push_back(static_cast<int>(p.value.size()));
    formats.push_back(p.binary ? 1 : 0);
  }
  PgResult r(PQexecPrepared(c_, it->second.c_str(), static_cast<int>(params.size()), values.data(), lengths.data(),
                            formats.data(), binary_result ? 1 : 0));
  note(r);
  return r;
}

bool Conn::exec(const char* sql) {
  PgResult r(PQexec(c_, sql));
  note(r);
  return r && ok(r.get());
}

bool Conn::commit() {
  PgResult r(PQexec(c_, "COMMIT"));
  note(r);
  return r && ok(r.get()) && std::string_view(PQcmdStatus(r.get())) == "COMMIT";
}

void Conn::note(const PgResult& r) {
  if (!r || (PQresultStatus(r.get()) == PGRES_FATAL_ERROR && sqlstate(r.get()).empty())) broken_ = true;
}

std::string failure(const char* what, const Conn& c, const PgResult& r) {
  std::string m = r ? trimmed(PQresultErrorMessage(r.get())) : std::string();
  return std::string(what) + ": " + (m.empty() ? c.error() : m);
}

Pool::Lease Pool::take() {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [&] { return !idle_.empty() || open_ < size_; });
  if (!idle_.empty()) {
    auto c = std::move(idle_.back());
    idle_.pop_back();
    lock.unlock();
    c->heal();
    return Lease(*this, std::move(c));
  }
  ++open_;
  lock.unlock();
  std::unique_ptr<Conn> c;
  if (!connect(c).empty()) {
    c.reset();
    std::lock_guard relock(mu_);
    --open_;
    cv_.notify_one();
  }
  return Lease(*this, std::move(c));
}

void Pool::add(std::unique_ptr<Conn> c) {
  std::lock_guard lock(mu_);
  ++open_;
  idle_.push_back(std::move(c));
}

void Pool::give_back(std::unique_ptr<Conn> c) {
  if (!c) return;
  std::lock_guard lock(mu_);
  idle_.push_back(std::move(c));
  cv_.notify_one();
}

}  // namespace bianmin::pg
