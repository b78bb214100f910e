/**
 * Store-bus brokers (Node only): the embedded Aedes broker with its authenticator, and the
 * files and process for Mosquitto. Used by `npm start` (host/) and by a lane that hosts the
 * broker itself (`--bus embedded`).
 */
export { BusAuthenticator, type AuthFailure } from './authenticator.ts';
export { startEmbeddedBroker, type EmbeddedBroker, type EmbeddedBrokerOptions } from './broker.ts';
export { findMosquitto, mosquittoAcl, mosquittoConf, mosquittoPasswords, startMosquitto, type RunningMosquitto } from './mosquitto.ts';
