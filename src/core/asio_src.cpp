// The one translation unit that compiles Asio (with SSL) and Beast. Every
// target that uses them links cc_asio, which sets BOOST_ASIO_SEPARATE_COMPILATION
// and BOOST_BEAST_SEPARATE_COMPILATION for all of them, so no other file
// instantiates their implementation (faster builds, one definition).
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
