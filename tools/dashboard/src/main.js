// The dashboard's entry point: the styles, then the application on #app.

import './styles.css';
import { App } from './app/app.js';

new App(document.getElementById('app')).start();
